import { existsSync, readFileSync } from 'node:fs';

import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { AdminError } from './admin_error.js';

/** Where the command line talks to: the network, its API host, and the canisters' ids from a dfx ids file. */
export interface Target {
  network: 'local' | 'ic';
  host: string;
  idsFile: string;
}

/** The canisters of one network, called with one identity. */
export class Connection {
  private constructor(
    private readonly agent: HttpAgent,
    private readonly ids: Record<string, Principal>,
    readonly identity: Identity
  ) {}

  static async open(target: Target, identity: Identity): Promise<Connection> {
    const agent = await HttpAgent.create({ host: target.host, identity, shouldFetchRootKey: target.network === 'local' }).catch((error: Error) => {
      throw new AdminError(`Cannot reach the ${target.network === 'local' ? 'local replica' : 'IC'} at ${target.host}: ${error.message}${target.network === 'local' ? ' (is `npm start` running?)' : ''}`);
    });
    return new Connection(agent, readIds(target), identity);
  }

  /** The id of a canister by its dfx.json name. */
  id(name: string): Principal {
    const id = this.ids[name];
    if (id === undefined) {
      throw new AdminError(`No id for the ${name} canister in the ids file: deploy it first.`);
    }
    return id;
  }

  names(): string[] {
    return Object.keys(this.ids);
  }

  actor<T>(name: string, idlFactory: IDL.InterfaceFactory): ActorSubclass<T> {
    return Actor.createActor<T>(idlFactory, { agent: this.agent, canisterId: this.id(name) });
  }
}

/** `{name: {local: id}}` (dfx's .dfx/local/canister_ids.json) or `{name: {ic: id}}` (canister_ids.json). */
function readIds(target: Target): Record<string, Principal> {
  if (!existsSync(target.idsFile)) {
    throw new AdminError(`There is no canister ids file at ${target.idsFile}: deploy first (\`npm start\` locally), or pass --ids-file.`);
  }
  const file = JSON.parse(readFileSync(target.idsFile, 'utf8')) as Record<string, Record<string, string>>;
  const ids: Record<string, Principal> = {};
  for (const [name, byNetwork] of Object.entries(file)) {
    const id = byNetwork[target.network];
    if (id !== undefined) ids[name] = Principal.fromText(id);
  }
  return ids;
}
