import { STATUS_CODES, type ServerResponse } from 'node:http';
import { CallRejectedError, RejectCode } from '../errors.js';

/** A request the gateway could not serve; shown to the browser as a small page with the status and the reason. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Maps a rejected call to the status a browser should see: a missing canister or method is the client's 404. */
  static fromReject(error: CallRejectedError): GatewayError {
    const missing = error.rejectCode === RejectCode.DestinationInvalid;
    const stopped = error.errorCode === 'IC0508';
    const status = missing ? 404 : stopped ? 503 : 502;
    return new GatewayError(status, error.rejectMessage, { cause: error });
  }
}

/** Writes `error` as an HTML page; if the response is already under way, all that is left is to cut it off. */
export function sendErrorPage(response: ServerResponse, error: GatewayError): void {
  if (response.headersSent) {
    response.destroy(error);
    return;
  }
  const title = `${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`;
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(error.message)}</p>
<hr><p><small>localnet HTTP gateway</small></p>
</body>
</html>
`;
  const body = Buffer.from(page);
  response.writeHead(error.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  response.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
