/**
 * AI canister, foundation skeleton: config, status and the role replica only. State of health, remaining useful
 * life, anomaly detection and model versions come in their own issues.
 */
import { skeletonCanister } from '@chargex/common';

import packageJson from '../package.json';

export default skeletonCanister({ name: 'ai', version: packageJson.version });
