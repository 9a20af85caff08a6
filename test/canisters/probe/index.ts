import {
  IDL,
  Principal,
  StableBTreeMap,
  call,
  canisterCycleBalance,
  canisterSelf,
  canisterVersion,
  certifiedDataSet,
  init,
  msgArgData,
  msgCaller,
  msgCyclesAccept,
  msgCyclesAvailable,
  msgCyclesRefunded,
  msgReject,
  msgReply,
  postUpgrade,
  query,
  setTimer,
  time,
  trap,
  update,
} from 'azle';

const CallOutcome = IDL.Variant({
  Ok: IDL.Text,
  Err: IDL.Record({ code: IDL.Nat32, message: IDL.Text }),
});
type CallOutcome = { Ok: string } | { Err: { code: number; message: string } };

const HttpHeader = IDL.Record({ name: IDL.Text, value: IDL.Text });
const HttpResponse = IDL.Record({ status: IDL.Nat, headers: IDL.Vec(HttpHeader), body: IDL.Vec(IDL.Nat8) });
type HttpResponse = { status: bigint; headers: { name: string; value: string }[]; body: Uint8Array };
const TransformArgs = IDL.Record({ response: HttpResponse, context: IDL.Vec(IDL.Nat8) });

/** A canister that exercises one System API behaviour per method, for localnet's semantic tests. */
export default class {
  heapCounter = 0;
  log = new StableBTreeMap<string, string>(0);
  initArg = '';

  @init([IDL.Opt(IDL.Text)])
  init(label: [] | [string]): void {
    this.initArg = label[0] ?? '';
  }

  @postUpgrade([IDL.Opt(IDL.Text)])
  postUpgrade(label: [] | [string]): void {
    if (label[0] === 'trap') trap('post_upgrade refused the upgrade');
    this.initArg = `upgraded:${label[0] ?? ''}`;
  }

  @query([], IDL.Record({ heap: IDL.Nat32, stable: IDL.Nat64, init_arg: IDL.Text }))
  state(): { heap: number; stable: bigint; init_arg: string } {
    return { heap: this.heapCounter, stable: BigInt(this.log.len()), init_arg: this.initArg };
  }

  @query([IDL.Text], IDL.Opt(IDL.Text))
  get(key: string): [] | [string] {
    const value = this.log.get(key);
    return value === undefined ? [] : [value];
  }

  @update([IDL.Text, IDL.Text], IDL.Nat32)
  put(key: string, value: string): number {
    this.log.insert(key, value);
    this.heapCounter += 1;
    return this.heapCounter;
  }

  @update([IDL.Text], IDL.Nat32)
  putThenTrap(key: string): number {
    this.heapCounter += 1;
    this.log.insert(key, 'written before the trap');
    trap(`trapped after writing ${key}`);
  }

  @query([], IDL.Nat32)
  queryMutates(): number {
    this.heapCounter += 1000;
    this.log.insert('query-write', 'must be discarded');
    return this.heapCounter;
  }

  @query([], IDL.Text)
  whoami(): string {
    return msgCaller().toText();
  }

  /** Writes a marker, then calls the next canister in `path`; the last one rejects explicitly. */
  @update([IDL.Vec(IDL.Principal), IDL.Text], CallOutcome)
  async chain(path: Principal[], marker: string): Promise<CallOutcome> {
    this.log.insert(`before-await:${marker}`, 'kept');
    const [next, ...rest] = path;
    if (next === undefined) return { Ok: 'end' };
    try {
      const result: CallOutcome = await call(next, 'chainOrReject', {
        paramIdlTypes: [IDL.Vec(IDL.Principal), IDL.Text],
        returnIdlType: CallOutcome,
        args: [rest, marker],
      });
      this.log.insert(`after-await:${marker}`, JSON.stringify(result));
      return result;
    } catch (error) {
      const { rejectCode, rejectMessage } = error as { rejectCode: number; rejectMessage: string };
      this.log.insert(`after-await:${marker}`, `rejected ${rejectCode}`);
      return { Err: { code: rejectCode, message: rejectMessage } };
    }
  }

  /** Middle hops forward with `chain`; the last hop rejects with a canister reject (code 4). */
  @update([IDL.Vec(IDL.Principal), IDL.Text], CallOutcome, { manual: true })
  async chainOrReject(): Promise<void> {
    const [path, marker] = IDL.decode([IDL.Vec(IDL.Principal), IDL.Text], msgArgData()) as [Principal[], string];
    this.log.insert(`visited:${marker}`, 'yes');
    if (path.length === 0) {
      msgReject(`end of chain reached at ${marker}`);
      return;
    }
    const [next, ...rest] = path;
    try {
      const result: CallOutcome = await call(next!, 'chainOrReject', {
        paramIdlTypes: [IDL.Vec(IDL.Principal), IDL.Text],
        returnIdlType: CallOutcome,
        args: [rest, marker],
      });
      msgReply(IDL.encode([CallOutcome], [result]));
    } catch (error) {
      const { rejectMessage } = error as { rejectMessage: string };
      msgReject(`forwarded: ${rejectMessage}`);
    }
  }

  @update([IDL.Principal, IDL.Text], CallOutcome)
  async callMissing(target: Principal, method: string): Promise<CallOutcome> {
    try {
      await call(target, method, { args: [] });
      return { Ok: 'unexpected reply' };
    } catch (error) {
      const { rejectCode, rejectMessage } = error as { rejectCode: number; rejectMessage: string };
      return { Err: { code: rejectCode, message: rejectMessage } };
    }
  }

  @update([IDL.Nat32, IDL.Text], IDL.Nat64)
  schedule(seconds: number, label: string): bigint {
    const scheduledAt = time();
    setTimer(seconds, () => {
      this.log.insert(`timer:${label}`, `${scheduledAt}:${time()}`);
    });
    return scheduledAt;
  }

  @query([], IDL.Nat64)
  version(): bigint {
    return canisterVersion();
  }

  @query([], IDL.Nat)
  balance(): bigint {
    return canisterCycleBalance();
  }

  /** Accepts half of what is attached; the rest goes back to the caller. */
  @update([], IDL.Nat)
  acceptHalf(): bigint {
    return msgCyclesAccept(msgCyclesAvailable() / 2n);
  }

  @update([IDL.Principal, IDL.Nat], IDL.Record({ accepted: IDL.Nat, refunded: IDL.Nat }))
  async sendCycles(target: Principal, amount: bigint): Promise<{ accepted: bigint; refunded: bigint }> {
    const accepted: bigint = await call(target, 'acceptHalf', { returnIdlType: IDL.Nat, cycles: amount });
    return { accepted, refunded: msgCyclesRefunded() };
  }

  @update([IDL.Vec(IDL.Nat8)], IDL.Null)
  certify(data: Uint8Array): null {
    certifiedDataSet(data);
    return null;
  }

  @update([], IDL.Vec(IDL.Nat8))
  async randomness(): Promise<Uint8Array> {
    return await call('aaaaa-aa', 'raw_rand', { returnIdlType: IDL.Vec(IDL.Nat8) });
  }

  /** An HTTPS outcall (any URL the test serves) whose transform keeps only status and body. */
  @update([IDL.Text], CallOutcome)
  async fetch(url: string): Promise<CallOutcome> {
    const HttpRequestArgs = IDL.Record({
      url: IDL.Text,
      max_response_bytes: IDL.Opt(IDL.Nat64),
      method: IDL.Variant({ get: IDL.Null, head: IDL.Null, post: IDL.Null }),
      headers: IDL.Vec(HttpHeader),
      body: IDL.Opt(IDL.Vec(IDL.Nat8)),
      transform: IDL.Opt(
        IDL.Record({ function: IDL.Func([TransformArgs], [HttpResponse], ['query']), context: IDL.Vec(IDL.Nat8) }),
      ),
    });
    try {
      const response: HttpResponse = await call('aaaaa-aa', 'http_request', {
        paramIdlTypes: [HttpRequestArgs],
        returnIdlType: HttpResponse,
        args: [
          {
            url,
            max_response_bytes: [10_000n],
            method: { get: null },
            headers: [{ name: 'x-probe', value: 'yes' }],
            body: [],
            transform: [{ function: [canisterSelf(), 'transform'], context: new Uint8Array() }],
          },
        ],
        cycles: 1_000_000_000n,
      });
      return { Ok: `${response.status} ${new TextDecoder().decode(response.body)} headers=${response.headers.length}` };
    } catch (error) {
      const { rejectCode, rejectMessage } = error as { rejectCode: number; rejectMessage: string };
      return { Err: { code: rejectCode, message: rejectMessage } };
    }
  }

  @query([TransformArgs], HttpResponse)
  transform(args: { response: HttpResponse }): HttpResponse {
    return { status: args.response.status, headers: [], body: args.response.body };
  }
}
