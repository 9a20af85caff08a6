import { describe, expect, it } from 'vitest';

import { camelCase, renderBarrel } from '../clients/barrel.js';
import { toProjectDeclarations } from '../clients/declarations.js';

const BINDGEN_OUTPUT = `/* eslint-disable */

import type { ActorMethod } from '@icp-sdk/core/agent';
import type { Principal } from '@icp-sdk/core/principal';
import { IDL } from '@icp-sdk/core/candid';

export interface _SERVICE { 'whoami' : ActorMethod<[], Principal> }
`;

describe('toProjectDeclarations', () => {
  const declarations = toProjectDeclarations(BINDGEN_OUTPUT, 'canisters/profile/profile.did');

  it('starts with a note of the .did it comes from and how to regenerate it', () => {
    expect(declarations.split('\n')[0]).toBe(
      '// Generated from canisters/profile/profile.did by `npm run generate:clients` (scripts/generate-clients.ts): do not edit.',
    );
  });

  it('points the @icp-sdk/core imports at the @dfinity packages', () => {
    expect(declarations).toContain("import type { ActorMethod } from '@dfinity/agent';");
    expect(declarations).toContain("import type { Principal } from '@dfinity/principal';");
    expect(declarations).toContain("import { IDL } from '@dfinity/candid';");
    expect(declarations).not.toContain("from '@icp-sdk");
  });

  it('refuses an @icp-sdk import it has no equivalent for', () => {
    expect(() => toProjectDeclarations("import { x } from '@icp-sdk/core/identity';", 'x.did')).toThrow(
      /@icp-sdk\/core\/identity/,
    );
  });
});

describe('renderBarrel', () => {
  it('re-exports each canister under names that carry the canister name', () => {
    expect(renderBarrel(['profile', 'http_gateway']).split('\n').slice(1)).toEqual([
      "export { idlFactory as profileIdlFactory, init as profileInit, type _SERVICE as ProfileService } from './profile/profile.did.js';",
      "export { idlFactory as httpGatewayIdlFactory, init as httpGatewayInit, type _SERVICE as HttpGatewayService } from './http_gateway/http_gateway.did.js';",
      '',
    ]);
  });

  it('stays a module when there is nothing to export', () => {
    expect(renderBarrel([])).toContain('export {};');
  });

  it('camel-cases canister names', () => {
    expect(camelCase('energy')).toBe('energy');
    expect(camelCase('http_gateway')).toBe('httpGateway');
    expect(camelCase('ck-btc_minter')).toBe('ckBtcMinter');
  });
});
