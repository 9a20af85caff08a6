import { describe, expect, it } from 'vitest';

import { type DfxJson, selectAzleCanisters, selectCandidCanisters } from '../project/dfx-json.js';

const dfx: DfxJson = {
  canisters: {
    profile: { type: 'azle', main: 'canisters/profile/src/index.ts', candid: 'canisters/profile/profile.did' },
    frontend: { type: 'assets', source: ['frontend/dist'] },
    ledger: { type: 'azle', main: 'canisters/ledger/src/index.ts' },
  },
};

describe('selectAzleCanisters', () => {
  it('takes every azle canister, in dfx.json order, with absolute paths', () => {
    expect(selectAzleCanisters(dfx, '/repo')).toEqual([
      {
        name: 'profile',
        main: '/repo/canisters/profile/src/index.ts',
        candidPath: '/repo/canisters/profile/profile.did',
        entry: dfx.canisters?.profile,
      },
      {
        name: 'ledger',
        main: '/repo/canisters/ledger/src/index.ts',
        candidPath: '/repo/.azle/ledger/ledger.did',
        entry: dfx.canisters?.ledger,
      },
    ]);
  });

  it('takes only the named canisters, still in dfx.json order', () => {
    const names = selectAzleCanisters(dfx, '/repo', ['ledger', 'profile']).map((canister) => canister.name);
    expect(names).toEqual(['profile', 'ledger']);
  });

  it('rejects a name dfx.json does not have', () => {
    expect(() => selectAzleCanisters(dfx, '/repo', ['profle'])).toThrow(/no canister "profle".*profile, frontend, ledger/);
  });

  it('rejects a named canister that is not an azle one', () => {
    expect(() => selectAzleCanisters(dfx, '/repo', ['frontend'])).toThrow(/type "assets"/);
  });

  it('rejects an azle canister without main', () => {
    expect(() => selectAzleCanisters({ canisters: { x: { type: 'azle' } } }, '/repo')).toThrow(/no "main"/);
  });

  it('treats a dfx.json without canisters as empty', () => {
    expect(selectAzleCanisters({}, '/repo')).toEqual([]);
  });
});

describe('selectCandidCanisters', () => {
  it('lists the canisters that name a .did, whatever their type', () => {
    const withCustom: DfxJson = { canisters: { ...dfx.canisters, icp: { type: 'custom', candid: '/abs/icp.did' } } };
    expect(selectCandidCanisters(withCustom, '/repo')).toEqual([
      { name: 'profile', candid: 'canisters/profile/profile.did', candidPath: '/repo/canisters/profile/profile.did' },
      { name: 'icp', candid: '/abs/icp.did', candidPath: '/abs/icp.did' },
    ]);
  });
});
