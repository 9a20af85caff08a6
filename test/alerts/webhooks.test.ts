/**
 * Webhook delivery by HTTPS outcalls from the real wasm to a receiver on this machine: signed JSON and the chat
 * formats, retries with backoff through failures, nothing delivered twice, quiet hours and the hourly limit
 * holding posts for later, and pending deliveries surviving an upgrade.
 */
import { createHmac } from 'node:crypto';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { alertsInit } from '@chargex/client';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AlertsNet, okOf } from './support/fixture';
import { WebhookReceiver, type ReceivedPost } from './support/webhook_receiver';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** Checks a post's signature as a receiver would: HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's secret. */
function signatureIsValid(post: ReceivedPost, secretHex: string): boolean {
  const timestamp = String(post.headers['x-chargex-timestamp']);
  const expected = createHmac('sha256', Buffer.from(secretHex, 'hex')).update(`${timestamp}.${post.body}`).digest('hex');
  return post.headers['x-chargex-signature'] === `v1=${expected}`;
}

describe('alerts webhook delivery', () => {
  let t: AlertsNet;
  let receiver: WebhookReceiver;
  let token: bigint;

  /** A person who receives the battery's alerts (as its assigned technician) with one webhook at `path`. */
  async function subscriber(path: string, format: { json: null } | { slack: null } | { discord: null } | { ntfy: null } = { json: null }) {
    const person = Ed25519KeyIdentity.generate();
    await t.ai.grant(person.getPrincipal(), 'technician');
    okOf(await t.alerts(t.ai.fleetOperator).assign_technician(token, person.getPrincipal()));
    const endpoint = okOf(await t.alerts(person).add_webhook({ url: receiver.url(path), format, min_severity: { info: null } }));
    return { person, endpoint };
  }

  /** Stops routing to a subscriber so later tests' alerts do not reach them. */
  async function unsubscribe(person: Ed25519KeyIdentity) {
    okOf(await t.alerts(t.ai.fleetOperator).unassign_technician(token, person.getPrincipal()));
  }

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await AlertsNet.start();
    token = await t.battery('HOOK-1');
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
  });

  it('posts an alert to a webhook as signed JSON carrying its idempotency key', async () => {
    const { person, endpoint } = await subscriber('/json');
    expect(endpoint.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.alerts(person).my_webhooks()).toEqual([endpoint]);
    await t.report(t.signal({ battery_token_id: [token], kind: 'over_voltage', severity: { critical: null } }));

    const [post] = receiver.postsTo('/json');
    expect(post).toBeDefined();
    expect(signatureIsValid(post!, endpoint.secret)).toBe(true);
    expect(signatureIsValid({ ...post!, body: post!.body.replace('over_voltage', 'under_voltage') }, endpoint.secret)).toBe(false);
    const payload = JSON.parse(post!.body);
    expect(payload).toMatchObject({ type: 'chargex.alert', alert: { kind: 'over_voltage', severity: 'critical', battery_token_id: String(token), source: 'ai' } });
    expect(post!.headers['idempotency-key']).toBe(payload.idempotency_key);

    const alertId = BigInt(payload.alert.id);
    const [delivery] = okOf(await t.alerts(person).alert_deliveries(alertId));
    expect(delivery).toMatchObject({ state: { delivered: null }, tries: 1, idempotency_key: payload.idempotency_key });
    expect(delivery!.log.at(-1)).toMatchObject({ status: [200] });
    expect(delivery!.log.at(-1)!.cycles).toBeGreaterThan(49_140_000n);
    await unsubscribe(person);
  });

  it('speaks Slack, Discord and ntfy in the shapes they accept', async () => {
    const slack = await subscriber('/slack', { slack: null });
    const discord = await subscriber('/discord', { discord: null });
    expect(await t.alerts(slack.person).add_webhook({ url: 'http://example.com/hook', format: { json: null }, min_severity: { info: null } })).toMatchObject({
      Err: { InvalidArgument: { field: 'url' } }
    });
    expect(await t.alerts(slack.person).add_webhook({ url: receiver.url('/ntfy/a/b'), format: { ntfy: null }, min_severity: { info: null } })).toMatchObject({
      Err: { InvalidArgument: { field: 'url' } }
    });
    const ntfy = await subscriber('/fleet-alerts', { ntfy: null });
    await t.report(t.signal({ battery_token_id: [token], kind: 'cell_imbalance' }));

    expect(JSON.parse(receiver.postsTo('/slack')[0]!.body)).toEqual({ text: expect.stringMatching(/^WARNING cell imbalance on battery #\d+: .*\(ChargeX alert \d+, ref chargex-alert-\d+-delivery-\d+\)$/) });
    expect(JSON.parse(receiver.postsTo('/discord')[0]!.body)).toEqual({ content: expect.stringContaining('WARNING cell imbalance'), allowed_mentions: { parse: [] } });
    // ntfy's JSON publishing goes to the server root with the topic in the body.
    expect(JSON.parse(receiver.postsTo('/')[0]!.body)).toMatchObject({ topic: 'fleet-alerts', priority: 4, title: 'ChargeX: cell imbalance' });
    for (const { person } of [slack, discord, ntfy]) await unsubscribe(person);
  });

  it('retries a failing endpoint with backoff until it succeeds, and delivers once', async () => {
    const { person } = await subscriber('/flaky');
    receiver.answerWith(500, 503);
    await t.report(t.signal({ battery_token_id: [token], kind: 'over_current' }));
    expect(receiver.postsTo('/flaky')).toHaveLength(1);
    await t.net.advanceTime(29 * SECOND);
    expect(receiver.postsTo('/flaky')).toHaveLength(1);
    await t.net.advanceTime(1 * SECOND);
    expect(receiver.postsTo('/flaky')).toHaveLength(2);
    await t.net.advanceTime(60 * SECOND);
    const posts = receiver.postsTo('/flaky');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((post) => post.headers['idempotency-key'])).size).toBe(1);

    await t.net.advanceTime(60 * MINUTE);
    expect(receiver.postsTo('/flaky')).toHaveLength(3);
    const alertId = BigInt(JSON.parse(posts[0]!.body).alert.id);
    const [delivery] = okOf(await t.alerts(person).alert_deliveries(alertId));
    expect(delivery!.state).toEqual({ delivered: null });
    expect(delivery!.log.map((entry) => entry.status)).toEqual([[500], [503], [200]]);
    await unsubscribe(person);
  });

  it('gives up after the last try, and at once when the endpoint refuses the post', async () => {
    const { person } = await subscriber('/gone');
    receiver.answerWith(410);
    await t.report(t.signal({ battery_token_id: [token], kind: 'under_voltage' }));
    const alertId = BigInt(JSON.parse(receiver.postsTo('/gone')[0]!.body).alert.id);
    const [delivery] = okOf(await t.alerts(person).alert_deliveries(alertId));
    expect(delivery).toMatchObject({ state: { given_up: null }, tries: 1 });
    expect(delivery!.log.at(-1)!.outcome).toBe('Given up: the endpoint refused the post with 410.');
    await unsubscribe(person);
  });

  it('holds non-critical posts during quiet hours and sends them when they end; critical ones go at once', async () => {
    const { person } = await subscriber('/quiet');
    const nowMinute = Math.floor(Number(t.net.now() / 60_000_000_000n)) % 1440;
    const quiet = { utc_offset_minutes: 0, start_minute: nowMinute, end_minute: (nowMinute + 30) % 1440 };
    okOf(await t.alerts(person).set_delivery_settings({ quiet_hours: [quiet], max_per_hour: 30 }));
    await t.report(t.signal({ battery_token_id: [token], kind: 'stuck_sensor', severity: { warning: null } }));
    await t.report(t.signal({ battery_token_id: [token], kind: 'over_temperature', subject_id: ['fire'], severity: { critical: null } }));
    expect(receiver.postsTo('/quiet').map((post) => JSON.parse(post.body).alert.kind)).toEqual(['over_temperature']);
    await t.net.advanceTime(29 * MINUTE);
    expect(receiver.postsTo('/quiet')).toHaveLength(1);
    await t.net.advanceTime(1 * MINUTE);
    expect(receiver.postsTo('/quiet').map((post) => JSON.parse(post.body).alert.kind)).toEqual(['over_temperature', 'stuck_sensor']);
    okOf(await t.alerts(person).set_delivery_settings({ quiet_hours: [], max_per_hour: 30 }));
    await unsubscribe(person);
  });

  it('keeps to the hourly limit, holding the rest for the next hour', async () => {
    const { person } = await subscriber('/limited');
    okOf(await t.alerts(person).set_delivery_settings({ quiet_hours: [], max_per_hour: 1 }));
    expect(await t.alerts(person).set_delivery_settings({ quiet_hours: [], max_per_hour: 0 })).toMatchObject({ Err: { InvalidArgument: { field: 'max_per_hour' } } });
    await t.report(t.signal({ battery_token_id: [token], kind: 'baseline_deviation' }), t.signal({ battery_token_id: [token], kind: 'missing_data' }));
    expect(receiver.postsTo('/limited')).toHaveLength(1);
    await t.net.advanceTime(60 * MINUTE);
    expect(receiver.postsTo('/limited')).toHaveLength(2);
    await unsubscribe(person);
  });

  it('keeps alerts, feeds, subscriptions and pending deliveries across an upgrade, and sends them after it', async () => {
    const { person } = await subscriber('/upgrade');
    receiver.answerWith(503);
    await t.report(t.signal({ battery_token_id: [token], kind: 'geofence_exit' }));
    expect(receiver.postsTo('/upgrade')).toHaveLength(1);
    const feedBefore = await t.feedOf(person);

    const wasm = new Uint8Array(readFileSync(new URL('../../.azle/alerts/alerts.wasm', import.meta.url)));
    await t.net.installCode({ canisterId: t.ids.alerts!, wasm, arg: new Uint8Array(IDL.encode(alertsInit({ IDL }), [[]])), mode: 'upgrade' });

    expect(await t.feedOf(person)).toEqual(feedBefore);
    expect(await t.alerts(person).my_webhooks()).toHaveLength(1);
    await t.net.advanceTime(30 * SECOND);
    const posts = receiver.postsTo('/upgrade');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.headers['idempotency-key']).toBe(posts[0]!.headers['idempotency-key']);
    // Subscriptions survive too: the next alert reaches the same person.
    await t.report(t.signal({ battery_token_id: [token], kind: 'over_voltage', subject_id: ['after-upgrade'] }));
    expect(receiver.postsTo('/upgrade')).toHaveLength(3);
  });
});
