import { cborReply, type HttpReply, type InterfaceContext } from './context.js';

/** The interface spec version whose behaviour this server follows. */
const IC_API_VERSION = '0.18.0';

/** `GET /api/v2/status`: where agents fetch the root key of a local replica (`fetchRootKey()`). */
export function handleStatus(context: InterfaceContext): HttpReply {
  return cborReply({
    ic_api_version: IC_API_VERSION,
    impl_version: 'localnet',
    root_key: context.keys.rootKeyDer,
    replica_health_status: 'healthy',
  });
}
