/** localnet: an embedded local Internet Computer replica that runs real canister wasm in Node. */
export { LocalNet, type LocalNetOptions, type CallOptions, type CanisterStatusRecord } from './api/local-net.js';
export { deployDfxProject, type DeployOptions, type DeployedCanisters } from './api/deploy.js';
export { readCanisterIds, writeCanisterIds, type CanisterIdsFile } from './api/canister-ids-file.js';
export { createActor, type ActorTransport } from './api/actor.js';
export { CallRejectedError, RejectCode } from './errors.js';
export type { HeapTracking } from './canister/heap-setup.js';
export { Replica, MANAGEMENT_CANISTER_ID } from './replica/replica.js';
export {
  startHttpServer,
  type HttpServer,
  type HttpServerOptions,
  type GatewayHandler,
} from './http/http-server.js';
export { installAssetCanister, type InstallAssetCanisterOptions } from './assets/install.js';
export { assetCanisterIdl } from './assets/asset-idl.js';
export { createGateway, type GatewayOptions, type HttpHandler } from './gateway/gateway.js';
export { createIdentityProvider, II_CANISTER_ID } from './identity-provider/index.js';
