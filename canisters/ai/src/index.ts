/**
 * AI canister: per-battery state from telemetry's hand-off, anomaly detection with signals to alerts, versioned
 * models and health queries. Each endpoint class covers one interface; the state they share is built once in
 * app.ts.
 */
import { GeofenceApi } from './api/geofence_api';
import { HealthApi } from './api/health_api';
import { IngestApi } from './api/ingest_api';
import { LifecycleApi } from './api/lifecycle_api';
import { ModelApi } from './api/model_api';

export default [LifecycleApi, IngestApi, ModelApi, HealthApi, GeofenceApi];
