import { Value } from '@chargex/common';

import { blob, nat } from './value';

/** The `tx` fields every ICRC-7/37 block carries when the caller gave them: `memo`, and `ts` from created_at_time. */
export function callerFields(memo: [] | [Uint8Array], createdAt: [] | [bigint]): Array<[string, Value | undefined]> {
  return [
    ['memo', memo[0] === undefined ? undefined : blob(memo[0])],
    ['ts', createdAt[0] === undefined ? undefined : nat(createdAt[0])]
  ];
}
