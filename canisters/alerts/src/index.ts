/**
 * Alerts canister, foundation skeleton: config, status and the role replica only. Rules, the alert lifecycle, the
 * in-app feed and webhook delivery come in their own issues.
 */
import { skeletonCanister } from '@chargex/common';

import packageJson from '../package.json';

export default skeletonCanister({ name: 'alerts', version: packageJson.version });
