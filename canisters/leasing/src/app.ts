import { CanisterFoundation, RoleSyncPeer } from '@chargex/common';

import packageJson from '../package.json';
import { Icrc37Queries } from './approvals/icrc37_queries';
import { BatteryRegistry } from './nft/battery_registry';
import { Collection } from './nft/collection';
import { Icrc7Queries } from './nft/icrc7_queries';

/**
 * The composition root: every part of the leasing canister, created once per module instance (at install and at
 * each upgrade) over the stable maps that hold their state. The endpoint classes reach them through here.
 */
export const foundation = new CanisterFoundation({ name: 'leasing', version: packageJson.version, schemaVersion: 1, migrations: [] });
export const roleSync = new RoleSyncPeer(foundation);
export const collection = new Collection(foundation.meta, {
  afterOwnerChange: () => undefined,
  burnRefusal: () => undefined,
  afterBurn: () => undefined
});
export const icrc7 = new Icrc7Queries(collection);
export const icrc37 = new Icrc37Queries(collection);
export const batteries = new BatteryRegistry(collection);
