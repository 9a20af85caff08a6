import { bytesToHex, candidCodec, CommonError, err, invalidArgument, isErr, notFound, ok, OrderedKey, Result } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';
import { validateWebhookInput, WebhookEndpoint, WebhookEndpointIdl, WebhookInput } from './webhook_endpoint';

/** Most webhook endpoints one person may keep. */
export const MAX_ENDPOINTS_PER_PERSON = 5;

/** Each person's webhook endpoints (a short list per person). */
export class EndpointStore {
  private readonly endpoints = new StableBTreeMap<Principal, WebhookEndpoint[]>(ALERTS_MEMORY.endpoints, OrderedKey.principal, candidCodec(IDL.Vec(WebhookEndpointIdl)));

  of(person: Principal): WebhookEndpoint[] {
    return this.endpoints.get(person) ?? [];
  }

  find(person: Principal, id: number): WebhookEndpoint | undefined {
    return this.of(person).find((endpoint) => endpoint.id === id);
  }

  /** Adds an endpoint with its signing secret (32 random bytes from the caller, drawn from raw_rand). */
  add(person: Principal, input: WebhookInput, secret: Uint8Array, nowNs: bigint): Result<WebhookEndpoint, CommonError> {
    const valid = validateWebhookInput(input);
    if (isErr(valid)) {
      return valid;
    }
    const current = this.of(person);
    if (current.length >= MAX_ENDPOINTS_PER_PERSON) {
      return err(invalidArgument('url', `you already have ${MAX_ENDPOINTS_PER_PERSON} webhooks: remove one first`));
    }
    const id = current.reduce((max, endpoint) => Math.max(max, endpoint.id), 0) + 1;
    const endpoint: WebhookEndpoint = { id, ...input, secret: bytesToHex(secret), created_at_ns: nowNs };
    this.endpoints.insert(person, [...current, endpoint]);
    return ok(endpoint);
  }

  remove(person: Principal, id: number): Result<null, CommonError> {
    const current = this.of(person);
    const kept = current.filter((endpoint) => endpoint.id !== id);
    if (kept.length === current.length) {
      return err(notFound('webhook', String(id)));
    }
    this.endpoints.insert(person, kept);
    return ok(null);
  }
}
