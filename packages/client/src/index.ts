/**
 * Typed access to the ChargeX canisters. The declarations (IDL factory, init arguments and service type of
 * each canister) are generated from the canisters' .did files by `npm run generate:clients`.
 */
export * from './declarations/index.js';
export * from './canister-config.js';
