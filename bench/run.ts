/** Runs every benchmark of the project in one process, so each ratio compares figures from the same run. */
import { fileURLToPath } from 'node:url';

import { benchAi } from './ai.js';
import { benchAiModel } from './ai-model.js';
import { benchAlerts } from './alerts.js';
import { benchBridge } from './bridge.js';
import { benchHeapTracking } from './heap-tracking.js';
import { benchHttpInterface } from './http-interface.js';
import { benchLeasing } from './leasing.js';
import { benchLedger } from './ledger.js';
import { benchLocalnetCore } from './localnet-core.js';
import { saveResults } from './report.js';
import { benchTelemetry } from './telemetry.js';

console.log('== localnet heap tracking: write marks against full comparison ==');
await benchHeapTracking();
console.log('== localnet execution core ==');
await benchLocalnetCore();
console.log('== localnet HTTP interface: the official agent over HTTP against the in-process API ==');
await benchHttpInterface();
console.log('== ledger: ICRC-1 transfers, blocks and accounts against a naive JSON ledger ==');
await benchLedger();
console.log('== leasing: battery NFT transfers and stable bytes per token against a naive NFT canister ==');
await benchLeasing();
console.log('== telemetry: columnar chunks and rollups against one map entry per reading ==');
await benchTelemetry();
console.log('== bridge: devices -> bridge -> telemetry against direct agent ingest; MQTT ingest against raw publish ==');
await benchBridge();
console.log('== alerts: a signal raised into an alert, and a webhook delivery, against a trivial update ==');
await benchAlerts();

console.log('== ai: hand-off per battery and dashboard queries, against a trivial query ==');
await benchAi();
console.log('== ai: the model fitted on simulated training fleets, evaluated on unseen ones through the wasm ==');
await benchAiModel();

const resultsFile = fileURLToPath(new URL('results.json', import.meta.url));
saveResults(resultsFile);
console.log(`figures written to ${resultsFile}`);
