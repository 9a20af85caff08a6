/**
 * The alerts canister on a manual-clock localnet beside the real profile, ledger, leasing, telemetry and ai
 * (the ai test fixture with `realAlerts`): roles come from profile, battery owners and lessees from leasing, and
 * signals either from ai itself or sent in a source canister's name.
 */
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { alertsIdlFactory, type AlertsService, ledgerIdlFactory, type LedgerService } from '@chargex/client';

import type { Alert, AlertFilter, AlertSignal } from '../../../packages/client/src/declarations/alerts/alerts.did.js';
import { AiNet, okOf } from '../../ai/support/fixture.js';
import { account, leaseTerms } from '../../leasing/support/fixture.js';

export { okOf };
export type { Alert, AlertSignal, AlertsService };

export const NO_FILTER: AlertFilter = { severity: [], battery_token_id: [], state: [], unread_only: false };

export class AlertsNet {
  readonly lessee = Ed25519KeyIdentity.generate();
  private signalCount = 0;

  private constructor(readonly ai: AiNet) {}

  static async start(): Promise<AlertsNet> {
    return new AlertsNet(await AiNet.start({ leasing: true, realAlerts: true }));
  }

  get net() {
    return this.ai.net;
  }

  get ids() {
    return this.ai.ids;
  }

  /** alerts as `identity`, or as the local controller. */
  alerts(identity?: Ed25519KeyIdentity): AlertsService {
    return this.net.createActor<AlertsService>(alertsIdlFactory, this.ids.alerts!, identity ? { identity } : {});
  }

  /** alerts called in the name of a principal (a source canister's id, the anonymous principal). */
  alertsAs(sender: Principal): AlertsService {
    return this.net.createActor<AlertsService>(alertsIdlFactory, this.ids.alerts!, { sender });
  }

  /** A raised ai signal for a battery, with a fresh id unless one is given. */
  signal(overrides: Partial<AlertSignal> = {}): AlertSignal {
    this.signalCount += 1;
    return {
      signal_id: `test-${this.signalCount}`,
      kind: 'over_temperature',
      severity: { warning: null },
      state: { raised: null },
      battery_token_id: [],
      device_id: [],
      subject_id: [],
      observed_at_ns: this.net.now(),
      evidence: { from_ms: 1n, to_ms: 2n, value: [61.5], threshold: [60], unit: 'C', detail: 'Pack temperature 61.5 C, above 60 C.' },
      model_version: ['1'],
      ...overrides
    };
  }

  /** Sends signals as ai and lets routing and deliveries run. */
  async report(...signals: AlertSignal[]) {
    const receipt = okOf(await this.alertsAs(this.ids.ai!).report_signals(signals));
    await this.net.tick();
    return receipt;
  }

  /** Mints a battery owned by the fleet operator; returns its token id. */
  async battery(serial: string): Promise<bigint> {
    return this.ai.registerBattery(serial, 5_000, 0);
  }

  /** Lists a battery of the fleet operator for lease and leases it to `lessee` for 14 days, paying through ICRC-2. */
  async leaseTo(tokenId: bigint, lessee: Ed25519KeyIdentity): Promise<void> {
    const listing = okOf(await this.ai.leasing(this.ai.fleetOperator).list_for_lease(tokenId, [], leaseTerms()));
    const ledger = (identity?: Ed25519KeyIdentity) => this.net.createActor<LedgerService>(ledgerIdlFactory, this.ids.ledger!, identity ? { identity } : {});
    okOf(await ledger().mint_for_local_dev({ to: account(lessee), amount: 1_000_000n, memo: [] }));
    const approval = { spender: account(this.ids.leasing!), amount: 1_000_000n, from_subaccount: [], expected_allowance: [], expires_at: [], fee: [], memo: [], created_at_time: [] };
    okOf(await ledger(lessee).icrc2_approve(approval as Parameters<LedgerService['icrc2_approve']>[0]));
    okOf(await this.ai.leasing(lessee).request_lease({ token_id: tokenId, listing_id: listing.listing_id, duration_days: 14 }));
    await this.net.tick();
  }

  /** The newest alerts of a person's feed. */
  async feedOf(identity: Ed25519KeyIdentity) {
    return okOf(await this.alerts(identity).my_feed(NO_FILTER, { cursor: [], limit: 100 }));
  }

  async stop(): Promise<void> {
    await this.ai.stop();
  }
}
