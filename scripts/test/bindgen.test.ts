import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { bindgenDeclarations } from '../clients/bindgen.js';

describe('bindgenDeclarations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bindgen-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the IDL factory, init arguments and service type of a .did', async () => {
    const did = join(dir, 'demo.did');
    writeFileSync(
      did,
      `type Account = record { owner : principal; subaccount : opt blob };
service : (record { ledger : principal }) -> {
  balance_of : (Account) -> (nat) query;
  stats : () -> (record { count : nat32 }) composite_query;
}`,
    );
    const declarations = await bindgenDeclarations(did);
    expect(declarations).toContain('export interface _SERVICE');
    expect(declarations).toContain("'balance_of' : ActorMethod<[Account], bigint>");
    expect(declarations).toContain('export const idlFactory: IDL.InterfaceFactory');
    expect(declarations).toContain("export const init: (args: { IDL: typeof IDL }) => IDL.Type[] = ({ IDL }) => {\n  return [IDL.Record({ 'ledger' : IDL.Principal })];");
    expect(declarations).toContain("['composite_query']");
  });

  it('reports a .did it cannot parse', async () => {
    const did = join(dir, 'broken.did');
    writeFileSync(did, 'service : { f : (nat -> () }');
    await expect(bindgenDeclarations(did)).rejects.toThrow();
  });
});
