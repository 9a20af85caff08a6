import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import {
  aiIdlFactory,
  alertsIdlFactory,
  leasingIdlFactory,
  ledgerIdlFactory,
  profileIdlFactory,
  telemetryIdlFactory,
  type AiService,
  type AlertsService,
  type LeasingService,
  type LedgerService,
  type ProfileService,
  type TelemetryService,
} from '@chargex/client';
import { canisterId, isLocal, replicaHost } from '../environment';

/** Every canister the app calls, each with the signed-in person's identity. */
export interface Actors {
  profile: ActorSubclass<ProfileService>;
  leasing: ActorSubclass<LeasingService>;
  telemetry: ActorSubclass<TelemetryService>;
  ledger: ActorSubclass<LedgerService>;
  ai: ActorSubclass<AiService>;
  alerts: ActorSubclass<AlertsService>;
  /** The agent's root key: what certified data (reading proofs) is checked against. */
  rootKey: Uint8Array;
}

/** One agent for all canisters: the root key is fetched once (local replica) and shared. */
export async function createActors(identity: Identity): Promise<Actors> {
  const agent = await HttpAgent.create({ identity, host: replicaHost(), shouldFetchRootKey: isLocal });
  const actor = <T>(factory: Parameters<typeof Actor.createActor>[0], name: string) =>
    Actor.createActor<T>(factory, { agent, canisterId: canisterId(name) });
  return {
    profile: actor<ProfileService>(profileIdlFactory, 'profile'),
    leasing: actor<LeasingService>(leasingIdlFactory, 'leasing'),
    telemetry: actor<TelemetryService>(telemetryIdlFactory, 'telemetry'),
    ledger: actor<LedgerService>(ledgerIdlFactory, 'ledger'),
    ai: actor<AiService>(aiIdlFactory, 'ai'),
    alerts: actor<AlertsService>(alertsIdlFactory, 'alerts'),
    rootKey: agent.rootKey ?? new Uint8Array(),
  };
}
