import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../project/repo-root.js';
import { readDfxJson, selectCandidCanisters } from '../project/dfx-json.js';
import { renderBarrel } from '../clients/barrel.js';
import { bindgenDeclarations } from '../clients/bindgen.js';
import { toProjectDeclarations } from '../clients/declarations.js';

// Catches a canister whose interface changed without `npm run generate:clients` (npm test builds first).
const DECLARATIONS = join(REPO_ROOT, 'packages', 'client', 'src', 'declarations');
const canisters = selectCandidCanisters(await readDfxJson(REPO_ROOT), REPO_ROOT);
const declarationsOf = (name: string) => join(DECLARATIONS, name, `${name}.did.ts`);

describe('committed client declarations', () => {
  it('re-export every canister that has declarations', () => {
    const declared = canisters.map(({ name }) => name).filter((name) => existsSync(declarationsOf(name)));
    expect(readFileSync(join(DECLARATIONS, 'index.ts'), 'utf8')).toBe(renderBarrel(declared));
  });

  it.each(canisters.filter(({ candidPath }) => existsSync(candidPath)))(
    'of $name match $candid',
    async ({ name, candid, candidPath }) => {
      const expected = toProjectDeclarations(await bindgenDeclarations(candidPath), candid);
      const committed = existsSync(declarationsOf(name)) ? readFileSync(declarationsOf(name), 'utf8') : 'missing';
      expect(committed, 'stale client declarations: run `npm run generate:clients`').toBe(expected);
    },
  );
});
