/**
 * Telemetry's anchoring scheme, shared by the telemetry canister that builds proofs and the clients that check
 * them (`@chargex/common/anchoring` imports nothing of Azle, so a browser can use it).
 */
export * from './canonical_reading';
export * from './certified_ring';
export * from './merkle';
export * from './reading_proof_check';
