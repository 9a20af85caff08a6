import { named } from '@chargex/common';
import { IDL } from 'azle';

/**
 * A named candid type that refers to itself (ICRC-3's Value, GetBlocksResult through its callback): named() creates
 * it with a placeholder, then `define` builds the real definition with the type itself in hand.
 */
export function namedRecursive(name: string, define: (self: IDL.Type) => IDL.Type): IDL.RecClass<unknown> {
  const self = named<unknown>(name, IDL.Null as IDL.Type<unknown>);
  self.fill(define(self) as IDL.ConstructType<unknown>);
  return self;
}
