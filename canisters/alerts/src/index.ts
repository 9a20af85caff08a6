/**
 * Alerts canister: sources' signals become alerts (rules, life cycle, history), routed to the people they
 * concern (feeds, mutes) and posted to their webhooks by HTTPS outcalls. Each endpoint class covers one
 * interface; the state they share is built once in app.ts.
 */
import { FeedApi } from './api/feed_api';
import { IntakeApi } from './api/intake_api';
import { LifecycleApi } from './api/lifecycle_api';
import { RulesApi } from './api/rules_api';
import { WebhookApi } from './api/webhook_api';

export default [LifecycleApi, IntakeApi, FeedApi, RulesApi, WebhookApi];
