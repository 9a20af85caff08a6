import { concatBytes, encodeLeb128, sha256 } from '@chargex/common';
import { Principal } from 'azle';

import { Account } from '../icrc3/account';

const textEncoder = new TextEncoder();

/**
 * The deduplication key of a request: a hash over the method, the caller and every argument field, each written
 * self-delimiting (lengths before bytes, a flag before optional values) so that two requests get the same key
 * exactly when they are structurally equal, as ICRC-7 defines duplicates. Written by hand rather than as candid:
 * candid encoding in QuickJS cost more than the rest of the deduplication.
 */
export class RequestKey {
  private readonly parts: Uint8Array[] = [];

  constructor(method: string, caller: Principal) {
    this.blob(textEncoder.encode(method)).principal(caller);
  }

  /** Adds a natural number. */
  nat(value: bigint): this {
    this.parts.push(encodeLeb128(value));
    return this;
  }

  /** Adds an optional natural number (none differs from every number). */
  optNat(value: [] | [bigint]): this {
    this.parts.push(Uint8Array.of(value.length));
    return value[0] === undefined ? this : this.nat(value[0]);
  }

  /** Adds an optional blob (none differs from every blob, the empty one included). */
  optBlob(value: [] | [Uint8Array]): this {
    this.parts.push(Uint8Array.of(value.length));
    return value[0] === undefined ? this : this.blob(value[0]);
  }

  /** Adds an account as given (an all-zero subaccount differs from none, as in the request). */
  account(account: Account): this {
    return this.principal(account.owner).optBlob(account.subaccount);
  }

  /** The key. */
  digest(): Uint8Array {
    return sha256(concatBytes(this.parts));
  }

  private principal(principal: Principal): this {
    return this.blob(principal.toUint8Array());
  }

  private blob(bytes: Uint8Array): this {
    this.parts.push(encodeLeb128(BigInt(bytes.length)), bytes);
    return this;
  }
}
