import { bytesToHex, hexToBytes, hmacSha256 } from '@chargex/common';

import { Alert } from '../alert/alert';
import { Delivery } from './delivery';
import { ntfyTopic, WebhookEndpoint } from './webhook_endpoint';

/** An HTTP request as the management canister's http_request takes it. */
export interface WebhookRequest {
  url: string;
  headers: { name: string; value: string }[];
  body: Uint8Array;
}

const encoder = new TextEncoder();
const NTFY_PRIORITY = { info: 3, warning: 4, critical: 5 } as const;

/**
 * The POST of one try of a delivery. Every format carries the idempotency key (in the payload and in an
 * Idempotency-Key header) and is signed: `X-ChargeX-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
 * with `X-ChargeX-Timestamp` in Unix seconds, as Stripe-style receivers check it (and reject old timestamps).
 * On the IC every replica of the subnet sends the request, so receivers must drop repeats by the key anyway.
 */
export function webhookRequest(alert: Alert, delivery: Delivery, endpoint: WebhookEndpoint, nowNs: bigint): WebhookRequest {
  const { url, payload } = formatPayload(alert, delivery, endpoint, nowNs);
  const body = encoder.encode(JSON.stringify(payload));
  const timestamp = String(nowNs / 1_000_000_000n);
  const signed = new Uint8Array([...encoder.encode(`${timestamp}.`), ...body]);
  const signature = bytesToHex(hmacSha256(hexToBytes(endpoint.secret), signed));
  return {
    url,
    body,
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Idempotency-Key', value: delivery.idempotency_key },
      { name: 'X-ChargeX-Timestamp', value: timestamp },
      { name: 'X-ChargeX-Signature', value: `v1=${signature}` }
    ]
  };
}

/** One line a person reads in a chat or a phone notification. */
export function alertSummary(alert: Alert): string {
  const severity = severityName(alert).toUpperCase();
  const what = alert.kind.replace(/_/g, ' ');
  const where = alert.battery_token_id.length > 0 ? ` on battery #${alert.battery_token_id[0]}` : alert.device_id.length > 0 ? ` on device ${alert.device_id[0]}` : '';
  const detail = alert.evidence.detail.length > 0 ? `: ${alert.evidence.detail}` : '.';
  return `${severity} ${what}${where}${detail}`;
}

function formatPayload(alert: Alert, delivery: Delivery, endpoint: WebhookEndpoint, nowNs: bigint): { url: string; payload: object } {
  const reference = `(ChargeX alert ${alert.id}, ref ${delivery.idempotency_key})`;
  if ('slack' in endpoint.format) {
    return { url: endpoint.url, payload: { text: `${alertSummary(alert)} ${reference}` } };
  }
  if ('discord' in endpoint.format) {
    return { url: endpoint.url, payload: { content: `${alertSummary(alert)} ${reference}`, allowed_mentions: { parse: [] } } };
  }
  if ('ntfy' in endpoint.format) {
    // ntfy's JSON publishing: POST to the server's root with the topic in the body.
    const { server, topic } = ntfyTopic(endpoint.url)!;
    const payload = {
      topic,
      title: `ChargeX: ${alert.kind.replace(/_/g, ' ')}`,
      message: `${alertSummary(alert)} ${reference}`,
      priority: NTFY_PRIORITY[severityName(alert)],
      tags: ['battery', severityName(alert)]
    };
    return { url: `${server}/`, payload };
  }
  return { url: endpoint.url, payload: jsonPayload(alert, delivery, nowNs) };
}

function jsonPayload(alert: Alert, delivery: Delivery, nowNs: bigint): object {
  return {
    type: 'chargex.alert',
    idempotency_key: delivery.idempotency_key,
    delivery_id: delivery.id.toString(),
    sent_at: isoTime(nowNs),
    summary: alertSummary(alert),
    alert: {
      id: alert.id.toString(),
      source: alert.source,
      kind: alert.kind,
      severity: severityName(alert),
      state: Object.keys(alert.state)[0],
      battery_token_id: alert.battery_token_id[0]?.toString() ?? null,
      device_id: alert.device_id[0] ?? null,
      subject_id: alert.subject_id[0] ?? null,
      occurrences: alert.occurrences,
      first_seen: isoTime(alert.first_seen_ns),
      last_seen: isoTime(alert.last_seen_ns),
      evidence: {
        from: isoTime(alert.evidence.from_ms * 1_000_000n),
        to: isoTime(alert.evidence.to_ms * 1_000_000n),
        value: alert.evidence.value[0] ?? null,
        threshold: alert.evidence.threshold[0] ?? null,
        unit: alert.evidence.unit,
        detail: alert.evidence.detail
      },
      model_version: alert.model_version[0] ?? null
    }
  };
}

function severityName(alert: Alert): 'info' | 'warning' | 'critical' {
  return Object.keys(alert.severity)[0] as 'info' | 'warning' | 'critical';
}

function isoTime(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString();
}
