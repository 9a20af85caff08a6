/**
 * Why the bridge could not start, as one line an operator can act on: no stack trace, and for a port in use the
 * address and the settings that choose it.
 */
export function describeStartFailure(error: unknown): string {
  const failure = error as { code?: string; address?: string; port?: number; message?: string };
  const where = failure.address === undefined ? 'its address' : `${failure.address}:${failure.port}`;
  switch (failure.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: another program already uses that port. Stop it, or choose another port (CHARGEX_BRIDGE_HTTPS_PORT, CHARGEX_BRIDGE_MQTT_EMBEDDED_PORT, CHARGEX_BRIDGE_OPS_PORT; 0 picks a free one).`;
    case 'EACCES':
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges); choose a port above 1023.`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: this machine has no such address; check the host settings.`;
    default:
      return `the bridge could not start: ${failure.message ?? String(error)}`;
  }
}
