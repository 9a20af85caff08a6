/**
 * Alerts benchmark: what a signal costs from report_signals to an alert in its recipients' feeds (intake, then
 * routing with its two calls to leasing), and what one webhook delivery costs (the post, its signature and the
 * outcall), each against a trivial authenticated update of the same canister in the same run. localnet does not
 * meter instructions yet, so cost is wall time per operation in this process; the cycles a delivery attaches are
 * exact (the 13-node subnet's outcall fee for its request and reserved response).
 */
import { AlertsNet, okOf } from '../test/alerts/support/fixture.js';
import { WebhookReceiver } from '../test/alerts/support/webhook_receiver.js';
import { report, timeCalls } from './report.js';

const SIGNALS = 200;
const TRIVIAL_CALLS = 200;

export async function benchAlerts(): Promise<void> {
  const receiver = await WebhookReceiver.start();
  const t = await AlertsNet.start();
  try {
    const token = await t.battery('BENCH-ALERTS');
    const owner = t.alerts(t.ai.fleetOperator);

    const trivialMs = await timeCalls(TRIVIAL_CALLS, async () => {
      okOf(await owner.mark_read(new BigUint64Array()));
    });

    // Each signal a new condition, so each one opens an alert and is routed to the owner's feed.
    const raiseMs = await timeCalls(SIGNALS, async (i) => {
      await t.report(t.signal({ battery_token_id: [token], subject_id: [`bench-${i}`] }));
    });
    const feed = await t.feedOf(t.ai.fleetOperator);
    if (feed.total < SIGNALS) throw new Error(`only ${feed.total} of ${SIGNALS} alerts reached the feed`);
    report('alerts: ms per signal raised and routed to a feed', raiseMs, 'trivial update (ms)', trivialMs);

    okOf(await owner.add_webhook({ url: receiver.url('/bench'), format: { json: null }, min_severity: { info: null } }));
    okOf(await owner.set_delivery_settings({ quiet_hours: [], max_per_hour: 1000 }));
    const deliveryMs = await timeCalls(SIGNALS, async (i) => {
      await t.report(t.signal({ battery_token_id: [token], subject_id: [`hook-${i}`] }));
    });
    const posts = receiver.postsTo('/bench');
    if (posts.length < SIGNALS) throw new Error(`only ${posts.length} of ${SIGNALS} webhook posts arrived`);
    report('alerts: ms per signal raised, routed and posted to a webhook', deliveryMs, 'trivial update (ms)', trivialMs);
    const alertId = BigInt(JSON.parse(posts[0]!.body).alert.id);
    const [delivery] = okOf(await owner.alert_deliveries(alertId));
    const cycles = Number(delivery!.log.at(-1)!.cycles);
    report('alerts: cycles attached per webhook delivery (13-node fee)', cycles, 'outcall base fee', 49_140_000);
  } finally {
    await t.stop();
    await receiver.stop();
  }
}
