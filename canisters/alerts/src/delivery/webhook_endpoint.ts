import { AlertSeverity, AlertSeverityIdl, CommonError, err, invalidArgument, named, ok, Result } from '@chargex/common';
import { IDL } from 'azle';

/** The payload a webhook receives: ours, signed JSON; or what ntfy, Slack or Discord accept as they are. */
export type WebhookFormat = { json: null } | { ntfy: null } | { slack: null } | { discord: null };

/** Candid type of WebhookFormat. */
export const WebhookFormatIdl = named('WebhookFormat', IDL.Variant({ json: IDL.Null, ntfy: IDL.Null, slack: IDL.Null, discord: IDL.Null }));

/** Where a person's alerts are posted outside the app. */
export interface WebhookEndpoint {
  id: number;
  url: string;
  format: WebhookFormat;
  /** Alerts below this severity are not posted here. */
  min_severity: AlertSeverity;
  /** The HMAC-SHA256 key of the X-ChargeX-Signature header, hex; shown to its owner only. */
  secret: string;
  created_at_ns: bigint;
}

/** Candid type of WebhookEndpoint. */
export const WebhookEndpointIdl = named(
  'WebhookEndpoint',
  IDL.Record({ id: IDL.Nat32, url: IDL.Text, format: WebhookFormatIdl, min_severity: AlertSeverityIdl, secret: IDL.Text, created_at_ns: IDL.Nat64 })
);

/** What a person gives to add an endpoint. */
export interface WebhookInput {
  url: string;
  format: WebhookFormat;
  min_severity: AlertSeverity;
}

/** Candid type of WebhookInput. */
export const WebhookInputIdl = named('WebhookInput', IDL.Record({ url: IDL.Text, format: WebhookFormatIdl, min_severity: AlertSeverityIdl }));

const MAX_URL_CHARS = 2048;
// The IC makes outcalls over HTTPS only; plain HTTP is accepted for this machine's own servers, which is how a
// developer (and the tests) run a receiver next to localnet.
const HTTPS_URL = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s#]*)?$/i;
const LOCAL_HTTP_URL = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?(\/[^\s#]*)?$/i;
/** An ntfy topic URL: the server, then the topic (letters, digits, - and _). */
const NTFY_TOPIC_URL = /^(https?:\/\/[^/]+)\/([A-Za-z0-9_-]{1,64})$/;

/** Checks what a person gives for an endpoint. */
export function validateWebhookInput(input: WebhookInput): Result<null, CommonError> {
  if (input.url.length > MAX_URL_CHARS) {
    return err(invalidArgument('url', `must be at most ${MAX_URL_CHARS} characters`));
  }
  if (!HTTPS_URL.test(input.url) && !LOCAL_HTTP_URL.test(input.url)) {
    return err(invalidArgument('url', 'must be an https:// address (plain http:// only for localhost)'));
  }
  if ('ntfy' in input.format && ntfyTopic(input.url) === undefined) {
    return err(invalidArgument('url', 'must be an ntfy topic address, such as https://ntfy.sh/my-fleet-alerts'));
  }
  return ok(null);
}

/** The server and the topic of an ntfy topic URL. */
export function ntfyTopic(url: string): { server: string; topic: string } | undefined {
  const match = NTFY_TOPIC_URL.exec(url);
  return match === null ? undefined : { server: match[1]!, topic: match[2]! };
}
