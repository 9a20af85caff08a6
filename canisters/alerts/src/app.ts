import { CanisterFoundation, RoleSyncPeer } from '@chargex/common';

import packageJson from '../package.json';
import { AlertActions } from './alert/alert_actions';
import { AlertStore } from './alert/alert_store';
import { DeliveryPlanner } from './delivery/delivery_planner';
import { DeliveryQueue } from './delivery/delivery_queue';
import { DeliverySettingsStore } from './delivery/delivery_settings';
import { DeliveryWorker } from './delivery/delivery_worker';
import { EndpointStore } from './delivery/endpoint_store';
import { RateLimiter } from './delivery/rate_limiter';
import { FeedStore } from './feed/feed_store';
import { FeedQuery } from './feed/feed_query';
import { MuteList } from './feed/mute_list';
import { SignalIntake } from './intake/signal_intake';
import { AlertRouter } from './routing/alert_router';
import { TechnicianAssignments } from './routing/technician_assignments';
import { RuleBook } from './rules/rule_book';

/**
 * The composition root: every part of the alerts canister, created once per module instance (at install and at
 * each upgrade) over the stable maps that hold their state. The endpoint classes reach them through here.
 */
export const foundation = new CanisterFoundation({ name: 'alerts', version: packageJson.version, schemaVersion: 1, migrations: [] });
export const roleSync = new RoleSyncPeer(foundation);

export const alerts = new AlertStore(foundation.meta);
export const rules = new RuleBook();
export const technicians = new TechnicianAssignments();
export const feeds = new FeedStore();
export const mutes = new MuteList();
export const endpoints = new EndpointStore();
export const deliverySettings = new DeliverySettingsStore();
export const deliveries = new DeliveryQueue(foundation.meta);
export const worker = new DeliveryWorker(deliveries, alerts, endpoints, deliverySettings, new RateLimiter());
const planner = new DeliveryPlanner(deliveries, endpoints, (dueNs) => worker.wake(dueNs));
export const router = new AlertRouter(alerts, rules, technicians, feeds, mutes, planner, () => foundation.config.peer('leasing'));
export const intake = new SignalIntake(alerts, router);
export const actions = new AlertActions(alerts);
export const feedQuery = new FeedQuery(alerts, feeds);

/** Starts what timers drive (they do not survive upgrades): routing of waiting alerts and due deliveries. */
export function startTimers(): void {
  router.resume();
  worker.wake();
}
