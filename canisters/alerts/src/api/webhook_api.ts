import { CommonError, CommonErrorIdl, describeCallError, err, invalidArgument, isErr, ok, Result, resultIdl, unavailable } from '@chargex/common';
import { call, IDL, msgCaller, query, time, update } from 'azle';
import { http_request_result, http_transform_args } from 'azle/canisters/management/idl';

import { isStaff, requireAlertReader } from '../access';
import { actions, deliveries, deliverySettings, endpoints, foundation, mutes } from '../app';
import { Delivery, DeliveryIdl } from '../delivery/delivery';
import { DeliverySettings, DeliverySettingsIdl, validateDeliverySettings } from '../delivery/delivery_settings';
import { WebhookEndpoint, WebhookEndpointIdl, WebhookInput, WebhookInputIdl } from '../delivery/webhook_endpoint';
import { Mute, MuteIdl } from '../feed/mute_list';

const EmptyResultIdl = resultIdl(IDL.Null, CommonErrorIdl);

/** A person's delivery preferences (webhooks, quiet hours, hourly limit, mutes) and the delivery log. */
export class WebhookApi {
  /** Adds a webhook for the caller's alerts; the answer holds its signing secret (32 bytes from raw_rand). */
  @update([WebhookInputIdl], resultIdl(WebhookEndpointIdl, CommonErrorIdl))
  async add_webhook(input: WebhookInput): Promise<Result<WebhookEndpoint, CommonError>> {
    const caller = msgCaller();
    const refused = foundation.guard.requireAuthenticated(caller);
    if (refused !== undefined) {
      return refused;
    }
    let secret: Uint8Array;
    try {
      secret = await call<[], Uint8Array>('aaaaa-aa', 'raw_rand', { returnIdlType: IDL.Vec(IDL.Nat8) });
    } catch (error) {
      return err(unavailable(`no randomness for the webhook's secret: ${describeCallError(error)}`));
    }
    return endpoints.add(caller, input, secret, time());
  }

  /** Removes one of the caller's webhooks (deliveries waiting for it are given up). */
  @update([IDL.Nat32], EmptyResultIdl)
  remove_webhook(id: number): Result<null, CommonError> {
    const caller = msgCaller();
    return foundation.guard.requireAuthenticated(caller) ?? endpoints.remove(caller, id);
  }

  /** The caller's webhooks, with their secrets. */
  @query([], IDL.Vec(WebhookEndpointIdl))
  my_webhooks(): WebhookEndpoint[] {
    return endpoints.of(msgCaller());
  }

  /** Sets the caller's quiet hours and hourly limit. */
  @update([DeliverySettingsIdl], resultIdl(DeliverySettingsIdl, CommonErrorIdl))
  set_delivery_settings(settings: DeliverySettings): Result<DeliverySettings, CommonError> {
    const caller = msgCaller();
    const refused = foundation.guard.requireAuthenticated(caller);
    const valid = validateDeliverySettings(settings);
    if (refused !== undefined || isErr(valid)) {
      return refused ?? (valid as { Err: CommonError });
    }
    deliverySettings.set(caller, settings);
    return ok(settings);
  }

  /** The caller's quiet hours and hourly limit (the defaults until set). */
  @query([], DeliverySettingsIdl)
  my_delivery_settings(): DeliverySettings {
    return deliverySettings.of(msgCaller());
  }

  /** Mutes a battery or a kind for the caller: new alerts of it reach neither their feed nor their webhooks. */
  @update([MuteIdl], EmptyResultIdl)
  mute(mute: Mute): Result<null, CommonError> {
    const caller = msgCaller();
    const refused = foundation.guard.requireAuthenticated(caller);
    if (refused !== undefined) {
      return refused;
    }
    if ('kind' in mute && (mute.kind.length === 0 || mute.kind.length > 64)) {
      return err(invalidArgument('kind', 'must be 1 to 64 characters'));
    }
    return mutes.mute(caller, mute) ? ok(null) : err(invalidArgument('mute', 'you already keep the most mutes allowed (100)'));
  }

  /** Lifts one of the caller's mutes. */
  @update([MuteIdl], EmptyResultIdl)
  unmute(mute: Mute): Result<null, CommonError> {
    const caller = msgCaller();
    const refused = foundation.guard.requireAuthenticated(caller);
    return refused ?? (mutes.unmute(caller, mute) ? ok(null) : err(invalidArgument('mute', 'is not one of your mutes')));
  }

  @query([], IDL.Vec(MuteIdl))
  my_mutes(): Mute[] {
    return mutes.of(msgCaller());
  }

  /** An alert's delivery log: every try and hold (staff see all; a recipient their own deliveries). */
  @query([IDL.Nat64], resultIdl(IDL.Vec(DeliveryIdl), CommonErrorIdl))
  alert_deliveries(alertId: bigint): Result<Delivery[], CommonError> {
    const caller = msgCaller();
    const alert = actions.find(alertId);
    if (isErr(alert)) {
      return alert;
    }
    const refused = requireAlertReader(caller, alert.Ok);
    if (refused !== undefined) {
      return refused;
    }
    const all = deliveries.ofAlert(alertId);
    return ok(isStaff(caller) ? all : all.filter((delivery) => delivery.person.compareTo(caller) === 'eq'));
  }

  /**
   * The transform of webhook outcalls (TRANSFORM_METHOD): keeps only the status, so every replica's response is the same whatever
   * headers and body the endpoint sent (request ids, dates), and nothing of it is stored.
   */
  @query([http_transform_args], http_request_result)
  transform_webhook_response(args: http_transform_args): http_request_result {
    return { status: args.response.status, headers: [], body: new Uint8Array() };
  }
}
