import { IDL, heartbeat, inspectMessage, msgMethodName, query, update } from 'azle';

/** Counts heartbeats and refuses the method `forbidden` in inspect_message. */
export default class {
  beats = 0;
  calls = 0;

  @heartbeat
  beat(): void {
    this.beats += 1;
  }

  @inspectMessage
  inspect(): boolean {
    return msgMethodName() !== 'forbidden';
  }

  @query([], IDL.Nat32)
  heartbeats(): number {
    return this.beats;
  }

  @update([], IDL.Nat32)
  allowed(): number {
    this.calls += 1;
    return this.calls;
  }

  @update([], IDL.Nat32)
  forbidden(): number {
    this.calls += 1000;
    return this.calls;
  }
}
