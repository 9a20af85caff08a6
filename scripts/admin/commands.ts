import { readFileSync } from 'node:fs';

import { Principal } from '@dfinity/principal';
import {
  aiIdlFactory,
  alertsIdlFactory,
  energyIdlFactory,
  leasingIdlFactory,
  type LeasingService,
  ledgerIdlFactory,
  type LedgerService,
  profileIdlFactory,
  type ProfileService,
  telemetryIdlFactory,
  type TelemetryService,
  trustIdlFactory
} from '@chargex/client';
import type { IDL } from '@dfinity/candid';

import { AdminError, okOrFail } from './admin_error.js';
import type { Connection } from './connection.js';

/** What a command prints: lines for a person, and the same facts for `--json`. */
export interface Outcome {
  lines: string[];
  json: unknown;
}

export type Flags = Record<string, string | boolean | undefined>;

export interface Command {
  usage: string;
  summary: string;
  run(connection: Connection, args: string[], flags: Flags): Promise<Outcome>;
}

const ROLES = ['admin', 'fleet_operator', 'technician', 'relayer', 'station_operator', 'device', 'lessee'] as const;
const STATUS_FACTORIES: Record<string, IDL.InterfaceFactory> = {
  profile: profileIdlFactory,
  ledger: ledgerIdlFactory,
  leasing: leasingIdlFactory,
  telemetry: telemetryIdlFactory,
  ai: aiIdlFactory,
  alerts: alertsIdlFactory,
  trust: trustIdlFactory,
  energy: energyIdlFactory
};

export const COMMANDS: Record<string, Command> = {
  whoami: {
    usage: 'whoami',
    summary: 'the principal the command line acts as',
    async run(connection) {
      const principal = (await connection.identity.getPrincipal()).toText();
      return { lines: [principal], json: { principal } };
    }
  },
  status: {
    usage: 'status',
    summary: 'version, schema, cycles and counts of every canister',
    async run(connection) {
      const rows: Record<string, unknown>[] = [];
      for (const name of Object.keys(STATUS_FACTORIES).filter((n) => connection.names().includes(n))) {
        const status = await connection.actor<{ status: () => Promise<Status> }>(name, STATUS_FACTORIES[name]!).status();
        rows.push({ name, id: connection.id(name).toText(), version: status.version, schema: status.schema_version, cycles: status.cycles, counts: Object.fromEntries(status.counts) });
      }
      const lines = rows.map((row) => {
        const counts = Object.entries(row.counts as Record<string, bigint>).map(([key, value]) => `${key}=${value}`).join(' ');
        return `${String(row.name).padEnd(10)} ${String(row.id).padEnd(28)} v${row.version} schema ${row.schema} cycles ${row.cycles}  ${counts}`;
      });
      return { lines, json: rows };
    }
  },
  'grant-role': {
    usage: 'grant-role <principal> <role>',
    summary: `gives a role (${ROLES.join(', ')})`,
    async run(connection, [principal, role]) {
      const change = okOrFail(await profile(connection).grant_role(principalArg(principal), roleArg(role)));
      return { lines: [`${principal} now holds ${role} (role log entry ${change.seq}).`], json: change };
    }
  },
  'revoke-role': {
    usage: 'revoke-role <principal> <role>',
    summary: 'takes a role away',
    async run(connection, [principal, role]) {
      const change = okOrFail(await profile(connection).revoke_role(principalArg(principal), roleArg(role)));
      return { lines: [`${principal} no longer holds ${role} (role log entry ${change.seq}).`], json: change };
    }
  },
  members: {
    usage: 'members <role>',
    summary: 'who holds a role',
    async run(connection, [role]) {
      const members: string[] = [];
      let cursor: [] | [bigint] = [];
      do {
        const page: { members: Principal[]; next_cursor: [] | [bigint] } = okOrFail(await profile(connection).list_role_members(roleArg(role), { cursor, limit: 100 }));
        members.push(...page.members.map((member) => member.toText()));
        cursor = page.next_cursor;
      } while (cursor.length > 0);
      return { lines: members.length > 0 ? members : [`No one holds ${role}.`], json: members };
    }
  },
  'register-battery': {
    usage: 'register-battery --serial S --device D [--manufacturer M --model X --chemistry LFP --capacity-wh N --voltage-mv N --made YYYY-MM-DD]',
    summary: 'mints a battery NFT in leasing (fleet operators)',
    async run(connection, _args, flags) {
      const registration = {
        owner: [] as [],
        serial: required(flags, 'serial'),
        monitor_device_id: required(flags, 'device'),
        manufacturer: text(flags, 'manufacturer', 'unknown'),
        model: text(flags, 'model', 'unknown'),
        chemistry: { [text(flags, 'chemistry', 'LFP')]: null } as Parameters<LeasingService['register_battery']>[0]['chemistry'],
        capacity_wh: number(flags, 'capacity-wh', 5_000),
        nominal_voltage_mv: number(flags, 'voltage-mv', 51_200),
        manufactured_on: text(flags, 'made', new Date().toISOString().slice(0, 10)),
        cycle_count: 0,
        state_of_health_bp: 10_000
      };
      const minted = okOrFail(await connection.actor<LeasingService>('leasing', leasingIdlFactory).register_battery(registration));
      return { lines: [`Battery ${registration.serial} is token ${minted.token_id}.`], json: minted };
    }
  },
  'register-device': {
    usage: 'register-device <device-id> --battery <token> --key-file <file> [--algorithm ed25519|secp256k1] [--owner P] [--chemistry LiFePO4] [--interval-s 10] [--firmware 1.0.0]',
    summary: "registers a monitor in telemetry with its public key (hex or raw bytes in the file)",
    async run(connection, [deviceId], flags) {
      const algorithm = text(flags, 'algorithm', 'ed25519');
      if (algorithm !== 'ed25519' && algorithm !== 'secp256k1') throw new AdminError('--algorithm must be ed25519 or secp256k1.');
      const registration = {
        device_id: requiredArg(deviceId, 'device id'),
        key: { public_key: readKey(required(flags, 'key-file')), algorithm: algorithm === 'ed25519' ? { Ed25519: null } : { Secp256k1: null } },
        battery_token_id: BigInt(required(flags, 'battery')),
        owner: flags.owner === undefined ? await connection.identity.getPrincipal() : principalArg(String(flags.owner)),
        chemistry: { [text(flags, 'chemistry', 'LiFePO4')]: null } as Parameters<TelemetryService['register_device']>[0]['chemistry'],
        firmware_version: text(flags, 'firmware', '1.0.0'),
        reporting_interval_s: number(flags, 'interval-s', 10)
      } as Parameters<TelemetryService['register_device']>[0];
      const device = okOrFail(await telemetry(connection).register_device(registration));
      return { lines: [`Device ${device.device_id} is registered for battery ${device.battery_token_id}.`], json: device };
    }
  },
  'suspend-device': deviceStatusCommand('suspend-device', 'Suspended', 'suspended: its batches are refused'),
  'activate-device': deviceStatusCommand('activate-device', 'Active', 'active again'),
  'retire-device': deviceStatusCommand('retire-device', 'Retired', 'retired for good'),
  mint: {
    usage: 'mint <principal> <amount>',
    summary: 'mints local ckBTC to an account (localnet only)',
    async run(connection, [principal, amount]) {
      const ledger = connection.actor<LedgerService>('ledger', ledgerIdlFactory);
      const block = okOrFail(await ledger.mint_for_local_dev({ to: { owner: principalArg(principal), subaccount: [] }, amount: BigInt(requiredArg(amount, 'amount')), memo: [] }));
      return { lines: [`Minted ${amount} to ${principal} (block ${block}).`], json: { block } };
    }
  },
  'bridge-health': {
    usage: 'bridge-health [--ops-url http://127.0.0.1:9464]',
    summary: "the bridge's readiness and liveness",
    async run(_connection, _args, flags) {
      const base = text(flags, 'ops-url', 'http://127.0.0.1:9464');
      const report: Record<string, unknown> = {};
      for (const path of ['healthz', 'readyz']) {
        const response = await fetch(`${base}/${path}`).catch((error: Error) => {
          throw new AdminError(`Cannot reach the bridge's ops server at ${base}: ${error.message}.`);
        });
        report[path] = { status: response.status, body: await response.text() };
      }
      const lines = Object.entries(report).map(([path, value]) => `${path.padEnd(8)} ${(value as { status: number }).status} ${(value as { body: string }).body}`);
      return { lines, json: report };
    }
  }
};

interface Status {
  version: string;
  schema_version: number;
  cycles: bigint;
  counts: [string, bigint][];
}

function deviceStatusCommand(name: string, status: 'Active' | 'Suspended' | 'Retired', said: string): Command {
  return {
    usage: `${name} <device-id>`,
    summary: `marks a device ${status.toLowerCase()}`,
    async run(connection, [deviceId]) {
      const device = okOrFail(await telemetry(connection).set_device_status(requiredArg(deviceId, 'device id'), { [status]: null } as { Active: null }));
      return { lines: [`Device ${device.device_id} is ${said}.`], json: device };
    }
  };
}

function profile(connection: Connection) {
  return connection.actor<ProfileService>('profile', profileIdlFactory);
}

function telemetry(connection: Connection) {
  return connection.actor<TelemetryService>('telemetry', telemetryIdlFactory);
}

function principalArg(text: string | undefined): Principal {
  try {
    return Principal.fromText(requiredArg(text, 'principal'));
  } catch (error) {
    if (error instanceof AdminError) throw error;
    throw new AdminError(`${text} is not a principal.`);
  }
}

function roleArg(role: string | undefined): { admin: null } {
  if (!ROLES.includes(role as (typeof ROLES)[number])) {
    throw new AdminError(`${role ?? 'The role'} is not a role: use one of ${ROLES.join(', ')}.`);
  }
  return { [role!]: null } as { admin: null };
}

function requiredArg(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new AdminError(`Give the ${what}.`);
  return value;
}

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new AdminError(`Give --${name}.`);
  return value;
}

function text(flags: Flags, name: string, fallback: string): string {
  const value = flags[name];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function number(flags: Flags, name: string, fallback: number): number {
  const value = flags[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new AdminError(`--${name} must be a whole number.`);
  return parsed;
}

/** A public key file: hex text, or the raw key bytes. */
function readKey(file: string): Uint8Array {
  const raw = readFileSync(file);
  const textual = raw.toString('utf8').trim();
  return /^[0-9a-fA-F]+$/.test(textual) && textual.length % 2 === 0 ? new Uint8Array(Buffer.from(textual, 'hex')) : new Uint8Array(raw);
}
