import { IDL, Principal, canisterSelf, query, update } from 'azle';

const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);
type HeaderField = [string, string];

const HttpRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});
const HttpUpdateRequest = IDL.Record({ method: IDL.Text, url: IDL.Text, headers: IDL.Vec(HeaderField), body: IDL.Vec(IDL.Nat8) });
type HttpRequest = { method: string; url: string; headers: HeaderField[]; body: Uint8Array; certificate_version?: [] | [number] };

/** A streaming token of this canister's own shape: the gateway must hand it back without knowing its type. */
const Token = IDL.Record({ part: IDL.Nat32, label: IDL.Text });
type Token = { part: number; label: string };
const CallbackResponse = IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(Token) });
type CallbackResponse = { body: Uint8Array; token: [] | [Token] };

const HttpResponse = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
  streaming_strategy: IDL.Opt(
    IDL.Variant({
      Callback: IDL.Record({ callback: IDL.Func([Token], [IDL.Opt(CallbackResponse)], ['query']), token: Token }),
    }),
  ),
});
type HttpResponse = {
  status_code: number;
  headers: HeaderField[];
  body: Uint8Array;
  upgrade: [] | [boolean];
  streaming_strategy: [] | [{ Callback: { callback: [Principal, string]; token: Token } }];
};

const STREAM_PARTS = 3;

/** A wasm canister serving HTTP itself, to prove the gateway's query, upgrade and streaming paths. */
export default class {
  visits = 0;

  @query([HttpRequest], HttpResponse)
  http_request(request: HttpRequest): HttpResponse {
    const path = request.url.split('?')[0];
    if (path === '/hello') {
      const probe = request.headers.find(([name]) => name.toLowerCase() === 'x-probe')?.[1] ?? '';
      return text(200, `hello from wasm: ${request.method} ${request.url} probe=${probe} cert=${request.certificate_version?.[0] ?? 'none'}`, [
        ['x-canister', 'web'],
      ]);
    }
    if (path === '/echo') return { ...text(200, ''), body: request.body };
    if (path === '/visits') return { ...text(200, 'upgrade me'), upgrade: [true] };
    if (path === '/stream') {
      return { ...text(200, part(0)), streaming_strategy: [{ Callback: { callback: [canisterSelf(), 'stream_next'], token: { part: 1, label: 'stream' } } }] };
    }
    if (path === '/teapot') return text(418, 'short and stout');
    return text(404, `no page at ${path}`);
  }

  @update([HttpUpdateRequest], HttpResponse)
  http_request_update(request: HttpRequest): HttpResponse {
    this.visits += 1;
    return text(200, `visits=${this.visits} via ${request.method}`);
  }

  @query([Token], IDL.Opt(CallbackResponse))
  stream_next(token: Token): [] | [CallbackResponse] {
    const next: [] | [Token] = token.part + 1 < STREAM_PARTS ? [{ part: token.part + 1, label: token.label }] : [];
    return [{ body: new TextEncoder().encode(part(token.part)), token: next }];
  }
}

function part(index: number): string {
  return `part-${index};`;
}

function text(status: number, body: string, headers: HeaderField[] = []): HttpResponse {
  return {
    status_code: status,
    headers: [['content-type', 'text/plain'], ...headers],
    body: new TextEncoder().encode(body),
    upgrade: [],
    streaming_strategy: [],
  };
}
