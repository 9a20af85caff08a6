import { call, IDL, Principal, StableBTreeMap, time } from 'azle';

import { AlertSignal, AlertSignalIdl, MAX_SIGNALS_PER_CALL, REPORT_SIGNALS_METHOD, ReportSignalsResult, ReportSignalsResultIdl } from './alert_signal';
import { BackgroundTask } from './background_task';
import { describeCallError } from './call_error';
import { OutboxState } from './outbox_state';
import { candidCodec } from './storage/candid_codec';
import { KeyValueStore } from './storage/codec';
import { OrderedKey } from './storage/ordered_key';
import { StableCell } from './storage/stable_cell';

/**
 * Signals for `alerts`, kept in stable memory from the message that decides them until alerts accepts them:
 * nothing is lost to a reject, a trap, an upgrade or an alerts canister that is not there yet. A timer sends
 * the oldest signals, up to the contract's batch limit, in one awaited `report_signals` call per batch; a
 * failed call is retried with backoff (5 s doubling to 5 min). Signal ids never change, and alerts accepts an
 * id once, so a retry after an answer that was lost raises nothing twice.
 */
export class SignalOutbox {
  private readonly pending: StableBTreeMap<bigint, AlertSignal>;
  private readonly lastSeq: StableCell<bigint>;
  private readonly sent: StableCell<bigint>;
  private readonly failedCalls: StableCell<bigint>;
  private readonly lastError: StableCell<[string, bigint]>;
  private readonly sender = new BackgroundTask(() => this.flush(), 5, 300);

  /**
   * `memoryId` holds the pending signals; `owner` names the canister in its metadata keys (`<owner>.outbox.*`)
   * and its log lines.
   */
  constructor(
    memoryId: number,
    meta: KeyValueStore<string, Uint8Array>,
    private readonly owner: string,
    private readonly alerts: () => Principal | undefined
  ) {
    this.pending = new StableBTreeMap<bigint, AlertSignal>(memoryId, OrderedKey.u64, candidCodec(AlertSignalIdl));
    this.lastSeq = new StableCell(meta, `${owner}.outbox.last_seq`, OrderedKey.u64);
    this.sent = new StableCell(meta, `${owner}.outbox.sent`, OrderedKey.u64);
    this.failedCalls = new StableCell(meta, `${owner}.outbox.failed_calls`, OrderedKey.u64);
    this.lastError = new StableCell(meta, `${owner}.outbox.last_error`, candidCodec(IDL.Tuple(IDL.Text, IDL.Nat64)));
  }

  /** Keeps `signal` until alerts accepts it, and schedules a send. */
  enqueue(signal: AlertSignal): void {
    const seq = this.lastSeq.getOr(0n) + 1n;
    this.lastSeq.set(seq);
    this.pending.insert(seq, signal);
    this.sender.kick();
  }

  /** Call from @init and @postUpgrade: sends what was left pending. */
  resume(): void {
    if (this.pending.len() > 0) {
      this.sender.kick();
    }
  }

  /**
   * Sends pending signals batch by batch until none is left (true) or a call fails (false: retried later). With
   * no alerts canister configured the signals wait, and the next upgrade that configures one sends them.
   */
  private async flush(): Promise<boolean> {
    const alerts = this.alerts();
    if (alerts === undefined) {
      return true;
    }
    while (this.pending.len() > 0) {
      const batch = this.pending.items(0, MAX_SIGNALS_PER_CALL);
      const failure = await this.send(alerts, batch.map(([, signal]) => signal));
      if (failure !== undefined) {
        this.recordFailure(failure);
        return false;
      }
      for (const [seq] of batch) {
        this.pending.remove(seq);
      }
      this.sent.set(this.sent.getOr(0n) + BigInt(batch.length));
    }
    return true;
  }

  state(): OutboxState {
    const error = this.lastError.get();
    return {
      pending: this.pending.len(),
      sent: this.sent.getOr(0n),
      failed_calls: this.failedCalls.getOr(0n),
      last_error: error === undefined ? [] : [error[0]],
      last_error_at_ns: error === undefined ? [] : [error[1]]
    };
  }

  /** One report_signals call; the reason it failed, or undefined when alerts took the batch. */
  private async send(alerts: Principal, signals: AlertSignal[]): Promise<string | undefined> {
    try {
      const result = await call<[AlertSignal[]], ReportSignalsResult>(alerts, REPORT_SIGNALS_METHOD, {
        paramIdlTypes: [IDL.Vec(AlertSignalIdl)],
        returnIdlType: ReportSignalsResultIdl,
        args: [signals]
      });
      return 'Ok' in result ? undefined : `alerts refused the signals: ${JSON.stringify(result.Err, (_key, value) => (typeof value === 'bigint' ? String(value) : value))}`;
    } catch (error) {
      return `report_signals failed: ${describeCallError(error)}`;
    }
  }

  private recordFailure(reason: string): void {
    this.failedCalls.set(this.failedCalls.getOr(0n) + 1n);
    this.lastError.set([reason, time()]);
    console.log(`${this.owner}: ${reason}`);
  }
}
