/** @chargex/bridge: the telemetry bridge (Bridge.start), its settings, the device protocol and the simulator. */
export { Bridge, type BridgeEndpoints, type BridgeOptions } from './controller.js';
export { loadSettings, requireSettings, settingEntries, envName, SettingsError } from './settings/load.js';
export type { Settings } from './settings/schema.js';
export { createLogger, type Logger } from './infra/logger.js';
export { loadOrCreateIdentity } from './infra/identity.js';
export * from './protocol/index.js';
export type { Reply, AckData } from './ingest/reply.js';
export { REFUSALS, type RefusalReason } from './ingest/refusal.js';
export { topicsFor, type Topics } from './mqtt/topics.js';
export { BATCHES_PATH } from './features/http-ingest.js';
export type { TelemetryClient, DeviceKeyEntry, DeviceKeysPage, IngestOutcome } from './relay/telemetry-client.js';
export { Fleet, type FleetOptions, type DeviceLog } from './simulator/fleet.js';
export { VirtualMonitor, type MonitorOptions } from './simulator/monitor.js';
export { FAULTS, type Fault } from './simulator/faults.js';
export { HttpsSender } from './simulator/https-sender.js';
export { MqttSender } from './simulator/mqtt-sender.js';
export type { Sender, SendResult } from './simulator/sender.js';
