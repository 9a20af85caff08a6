/**
 * `GenericError.error_code`s of this ledger: requests ICRC-1/2 have no dedicated error for. (DFINITY's ledger traps
 * on most of these; here the caller gets a typed answer it can act on.)
 */
export const GENERIC_ERROR = {
  /** The anonymous principal cannot move tokens: anyone could spend what it holds. */
  anonymousCaller: 1n,
  /** A subaccount that is not 32 bytes long. */
  invalidSubaccount: 2n,
  /** A memo longer than TOKEN.maxMemoBytes. */
  memoTooLong: 3n,
  /** An approval whose spender has the caller's own principal. */
  selfApproval: 4n,
  /** The minting account cannot approve, nor have mints made on its behalf. */
  mintingAccountCannotDelegate: 5n,
  /** A mint that would take the total supply past u64. */
  supplyOverflow: 6n
} as const;

/** The `GenericError` arm with `code` and a readable `message`. */
export function genericError(code: bigint, message: string): { GenericError: { error_code: bigint; message: string } } {
  return { GenericError: { error_code: code, message } };
}
