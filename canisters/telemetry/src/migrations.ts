import { Migration } from '@chargex/common';

/**
 * The schema of the telemetry canister's stored data. To change a stored shape: bump SCHEMA_VERSION and append
 * the migration that rewrites old entries to it (versions 2, 3, ...); @postUpgrade runs the ones not yet applied.
 */
export const SCHEMA_VERSION = 1;

/** Steps from schema 1 to SCHEMA_VERSION, in order. */
export const MIGRATIONS: Migration[] = [];
