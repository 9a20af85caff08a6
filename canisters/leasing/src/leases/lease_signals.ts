import { AlertSeverity, AlertSignal, SignalOutbox } from '@chargex/common';

import { Lease } from './lease';

/** Where a lease stands as far as people need to hear of it. */
type Standing = 'none' | 'active' | 'payment_late' | 'return_due' | 'defaulted' | 'returned';

/** The alert kind a standing raises, with its severity and a sentence. */
const RAISES: Partial<Record<Standing, { kind: string; severity: AlertSeverity; detail: (lease: Lease) => string }>> = {
  payment_late: { kind: 'payment_late', severity: { warning: null }, detail: (lease) => `Lease ${lease.id} has ${lease.unpaid_rent} in unpaid rent.` },
  return_due: { kind: 'return_due', severity: { warning: null }, detail: (lease) => `Lease ${lease.id} has ended and the battery has not been returned.` },
  defaulted: { kind: 'lease_default', severity: { critical: null }, detail: (lease) => `Lease ${lease.id} defaulted: the deposit goes to the lessor.` }
};

/**
 * Tells `alerts` what happens to leases, through the stable signal outbox: rent unpaid (`payment_late`), a term
 * ended without the battery back (`return_due`), a default (`lease_default`); and clears the first two when the
 * lease is paid up, returned or defaulted. Signals name the battery, so its owner, lessee and technicians get them.
 */
export class LeaseSignals {
  constructor(private readonly outbox: SignalOutbox) {}

  /** Compares a saved lease with what it was and queues the signals the change means. */
  observe(before: Lease | undefined, after: Lease, nowNs: bigint): void {
    const was = standingOf(before);
    const is = standingOf(after);
    if (was === is) {
      return;
    }
    const cleared = RAISES[was];
    if (cleared !== undefined && cleared.kind !== 'lease_default') {
      this.outbox.enqueue(signal(after, cleared.kind, cleared.severity, 'cleared', `Lease ${after.id} is no longer ${was.replace('_', ' ')}.`, nowNs));
    }
    const raised = RAISES[is];
    if (raised !== undefined) {
      this.outbox.enqueue(signal(after, raised.kind, raised.severity, 'raised', raised.detail(after), nowNs));
    }
  }
}

function standingOf(lease: Lease | undefined): Standing {
  if (lease === undefined) {
    return 'none';
  }
  if ('Overdue' in lease.status) {
    return lease.unpaid_rent > 0n ? 'payment_late' : 'return_due';
  }
  if ('Defaulted' in lease.status) {
    return 'defaulted';
  }
  return 'Returned' in lease.status ? 'returned' : 'active';
}

function signal(lease: Lease, kind: string, severity: AlertSeverity, state: 'raised' | 'cleared', detail: string, nowNs: bigint): AlertSignal {
  const nowMs = nowNs / 1_000_000n;
  return {
    signal_id: `lease-${lease.id}-${kind}-${state}-${nowNs}`,
    kind,
    severity,
    state: state === 'raised' ? { raised: null } : { cleared: null },
    battery_token_id: [lease.token_id],
    device_id: [],
    subject_id: [`lease-${lease.id}`],
    observed_at_ns: nowNs,
    evidence: { from_ms: nowMs, to_ms: nowMs, value: [Number(lease.unpaid_rent)], threshold: [], unit: 'ckBTC e8s', detail },
    model_version: []
  };
}
