/**
 * The bridge's command line: `start` (default) runs the bridge until SIGINT/SIGTERM, `identity` prints the
 * principal to grant the relayer role to, `settings` lists every setting with its environment variable.
 */
import { Bridge } from './controller.js';
import { loadOrCreateIdentity } from './infra/identity.js';
import { describeStartFailure } from './infra/start_failure.js';
import { describeSettings, loadSettings } from './settings/load.js';

const command = process.argv[2] ?? 'start';

if (command === 'settings') {
  console.log(describeSettings());
} else if (command === 'identity' || command === 'start') {
  const result = loadSettings();
  // `identity` needs only the data dir: report it even before the rest (the canister id) is configured.
  if (command === 'identity') {
    const dataDir = result.ok ? result.settings.dataDir : (process.env.CHARGEX_BRIDGE_DATA_DIR ?? '.bridge-data');
    console.log(loadOrCreateIdentity(dataDir).getPrincipal().toText());
  } else if (!result.ok) {
    console.error(`invalid bridge settings:\n  ${result.errors.join('\n  ')}\n(npm run settings -w @chargex/bridge lists them all)`);
    process.exit(2);
  } else {
    let bridge: Bridge;
    try {
      bridge = await Bridge.start(result.settings);
    } catch (error) {
      console.error(`bridge: ${describeStartFailure(error)}`);
      process.exit(1);
    }
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await bridge.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  }
} else {
  console.error(`unknown command ${command}: use start, identity or settings`);
  process.exit(2);
}
