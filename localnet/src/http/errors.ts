/**
 * A request the HTTP interface refuses before it reaches a canister. The IC answers these with a 4xx status and
 * a plain-text body; agents match some bodies by prefix (`Invalid request expiry: ` makes them sync their clock).
 */
export class HttpRequestError extends Error {
  override readonly name: string = 'HttpRequestError';

  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 400: the body is not a well-formed request of the endpoint's kind. */
export class MalformedRequestError extends HttpRequestError {
  override readonly name = 'MalformedRequestError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(400, message, options);
  }
}

/** 400: `ingress_expiry` outside the window the replica accepts. */
export class InvalidExpiryError extends HttpRequestError {
  override readonly name = 'InvalidExpiryError';

  constructor(detail: string) {
    super(400, `Invalid request expiry: ${detail}`);
  }
}

/** 400: signature, public key or delegation chain do not authenticate the sender for this request. */
export class AuthenticationError extends HttpRequestError {
  override readonly name = 'AuthenticationError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(400, message, options);
  }
}

/** 403: a read_state path the sender may not read. */
export class ForbiddenPathError extends HttpRequestError {
  override readonly name = 'ForbiddenPathError';

  constructor(message: string) {
    super(403, message);
  }
}

/** 413: the request is larger than an ingress message may be. */
export class PayloadTooLargeError extends HttpRequestError {
  override readonly name = 'PayloadTooLargeError';

  constructor(bytes: number, limit: number) {
    super(413, `Request is too large. Message byte size ${bytes} is larger than the max allowed ${limit}.`);
  }
}
