import { CanisterFoundation, RoleSyncPeer, SignalOutbox } from '@chargex/common';

import packageJson from '../package.json';
import { AnomalyQuery } from './anomaly/anomaly_query';
import { AnomalyStore } from './anomaly/anomaly_store';
import { AnomalyTracker } from './anomaly/anomaly_tracker';
import { MissingDataMonitor } from './anomaly/missing_data_monitor';
import { ArrivalIndex } from './battery/arrival_index';
import { BatteryStore } from './battery/battery_store';
import { GeofenceStore } from './geofence/geofence_store';
import { LeasingSync } from './health/leasing_sync';
import { FeatureIntake } from './ingest/feature_intake';
import { AI_MEMORY } from './memory';
import { AI_MIGRATIONS } from './model/model_migrations';
import { ModelRegistry } from './model/model_registry';

/**
 * The composition root: every part of the ai canister, created once per module instance (at install and at each
 * upgrade) over the stable maps that hold their state. The endpoint classes reach them through here.
 */
export const foundation = new CanisterFoundation({ name: 'ai', version: packageJson.version, schemaVersion: 2, migrations: AI_MIGRATIONS });
export const roleSync = new RoleSyncPeer(foundation);

export const models = new ModelRegistry(foundation.meta);
export const batteries = new BatteryStore();
export const anomalies = new AnomalyStore(foundation.meta);
export const outbox = new SignalOutbox(AI_MEMORY.outbox, foundation.meta, 'ai', () => foundation.config.peer('alerts'));
const arrivals = new ArrivalIndex(AI_MEMORY.arrivals);
const tracker = new AnomalyTracker(anomalies, outbox);

export const geofences = new GeofenceStore();
export const leasingSync = new LeasingSync(batteries, geofences, () => foundation.config.peer('leasing'));
export const intake = new FeatureIntake(batteries, arrivals, tracker, models, leasingSync, geofences);
export const anomalyQuery = new AnomalyQuery(anomalies, batteries);
const missingData = new MissingDataMonitor(batteries, arrivals, tracker, models);

/** Starts what timers drive (they do not survive upgrades): signals, leasing reads and writes, missing data. */
export function startTimers(): void {
  outbox.resume();
  leasingSync.resume();
  missingData.start();
}
