import { IDL } from '@dfinity/candid';

/** Candid types of the management canister methods localnet implements (IC interface specification, ic.did). */

const LogVisibility = IDL.Variant({
  controllers: IDL.Null,
  public: IDL.Null,
  allowed_viewers: IDL.Vec(IDL.Principal),
});

export const CanisterSettings = IDL.Record({
  controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
  compute_allocation: IDL.Opt(IDL.Nat),
  memory_allocation: IDL.Opt(IDL.Nat),
  freezing_threshold: IDL.Opt(IDL.Nat),
  reserved_cycles_limit: IDL.Opt(IDL.Nat),
  log_visibility: IDL.Opt(LogVisibility),
  wasm_memory_limit: IDL.Opt(IDL.Nat),
  wasm_memory_threshold: IDL.Opt(IDL.Nat),
});

const DefiniteCanisterSettings = IDL.Record({
  controllers: IDL.Vec(IDL.Principal),
  compute_allocation: IDL.Nat,
  memory_allocation: IDL.Nat,
  freezing_threshold: IDL.Nat,
  reserved_cycles_limit: IDL.Nat,
  log_visibility: LogVisibility,
  wasm_memory_limit: IDL.Nat,
  wasm_memory_threshold: IDL.Nat,
});

export const CanisterIdRecord = IDL.Record({ canister_id: IDL.Principal });

export const CreateCanisterArgs = IDL.Record({
  settings: IDL.Opt(CanisterSettings),
  sender_canister_version: IDL.Opt(IDL.Nat64),
});

export const ProvisionalCreateArgs = IDL.Record({
  amount: IDL.Opt(IDL.Nat),
  settings: IDL.Opt(CanisterSettings),
  specified_id: IDL.Opt(IDL.Principal),
  sender_canister_version: IDL.Opt(IDL.Nat64),
});

export const ProvisionalTopUpArgs = IDL.Record({ canister_id: IDL.Principal, amount: IDL.Nat });

export const InstallMode = IDL.Variant({
  install: IDL.Null,
  reinstall: IDL.Null,
  upgrade: IDL.Opt(
    IDL.Record({
      skip_pre_upgrade: IDL.Opt(IDL.Bool),
      wasm_memory_persistence: IDL.Opt(IDL.Variant({ keep: IDL.Null, replace: IDL.Null })),
    }),
  ),
});

export const InstallCodeArgs = IDL.Record({
  mode: InstallMode,
  canister_id: IDL.Principal,
  wasm_module: IDL.Vec(IDL.Nat8),
  arg: IDL.Vec(IDL.Nat8),
  sender_canister_version: IDL.Opt(IDL.Nat64),
});

export const UpdateSettingsArgs = IDL.Record({
  canister_id: IDL.Principal,
  settings: CanisterSettings,
  sender_canister_version: IDL.Opt(IDL.Nat64),
});

export const CanisterStatusResult = IDL.Record({
  status: IDL.Variant({ running: IDL.Null, stopping: IDL.Null, stopped: IDL.Null }),
  settings: DefiniteCanisterSettings,
  module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)),
  memory_size: IDL.Nat,
  memory_metrics: IDL.Record({
    wasm_memory_size: IDL.Nat,
    stable_memory_size: IDL.Nat,
    global_memory_size: IDL.Nat,
    wasm_binary_size: IDL.Nat,
    custom_sections_size: IDL.Nat,
    canister_history_size: IDL.Nat,
    wasm_chunk_store_size: IDL.Nat,
    snapshots_size: IDL.Nat,
  }),
  cycles: IDL.Nat,
  reserved_cycles: IDL.Nat,
  idle_cycles_burned_per_day: IDL.Nat,
  query_stats: IDL.Record({
    num_calls_total: IDL.Nat,
    num_instructions_total: IDL.Nat,
    request_payload_bytes_total: IDL.Nat,
    response_payload_bytes_total: IDL.Nat,
  }),
});

const HttpHeader = IDL.Record({ name: IDL.Text, value: IDL.Text });

export const HttpRequestResult = IDL.Record({
  status: IDL.Nat,
  headers: IDL.Vec(HttpHeader),
  body: IDL.Vec(IDL.Nat8),
});

export const HttpTransformArgs = IDL.Record({ response: HttpRequestResult, context: IDL.Vec(IDL.Nat8) });

export const HttpRequestArgs = IDL.Record({
  url: IDL.Text,
  max_response_bytes: IDL.Opt(IDL.Nat64),
  method: IDL.Variant({ get: IDL.Null, head: IDL.Null, post: IDL.Null }),
  headers: IDL.Vec(HttpHeader),
  body: IDL.Opt(IDL.Vec(IDL.Nat8)),
  transform: IDL.Opt(
    IDL.Record({
      function: IDL.Func([HttpTransformArgs], [HttpRequestResult], ['query']),
      context: IDL.Vec(IDL.Nat8),
    }),
  ),
  is_replicated: IDL.Opt(IDL.Bool),
});
