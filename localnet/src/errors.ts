/** Reject codes of the IC interface specification ("Reject codes"). */
export enum RejectCode {
  SysFatal = 1,
  SysTransient = 2,
  DestinationInvalid = 3,
  CanisterReject = 4,
  CanisterError = 5,
  SysUnknown = 6,
}

/** A call that the replica or the callee rejected; mirrors what an agent reports for a rejected call. */
export class CallRejectedError extends Error {
  override readonly name = 'CallRejectedError';

  constructor(
    readonly rejectCode: RejectCode,
    readonly rejectMessage: string,
    readonly errorCode?: string,
  ) {
    super(`call rejected (code ${rejectCode}${errorCode ? `, ${errorCode}` : ''}): ${rejectMessage}`);
  }
}

/** Thrown inside the host when a canister traps; never escapes the execution that raised it. */
export class CanisterTrap extends Error {
  override readonly name = 'CanisterTrap';
}
