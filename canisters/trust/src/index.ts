/**
 * Trust canister, foundation skeleton: config, status and the role replica only. The component registry, LCT
 * relationships, pairing, T3/V3 tensors and witnesses come in their own issues.
 */
import { skeletonCanister } from '@chargex/common';

import packageJson from '../package.json';

export default skeletonCanister({ name: 'trust', version: packageJson.version });
