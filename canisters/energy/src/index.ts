/**
 * Energy canister, foundation skeleton: config, status and the role replica only. Energy accounts, the ATP/ADP
 * cycle and the energy market come in their own issues.
 */
import { skeletonCanister } from '@chargex/common';

import packageJson from '../package.json';

export default skeletonCanister({ name: 'energy', version: packageJson.version });
