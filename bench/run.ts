/** Runs every benchmark of the project in one process, so each ratio compares figures from the same run. */
import { benchLocalnetCore } from './localnet-core.js';

console.log('== localnet execution core ==');
await benchLocalnetCore();
