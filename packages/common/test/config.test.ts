import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { CanisterConfig, ConfigStore, emptyConfig } from '../src/config';
import { MemoryStore } from './memory_store';

const profile = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const ledger = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');

function withPeers(peers: Partial<Record<keyof CanisterConfig, Principal>>): CanisterConfig {
  const config = emptyConfig();
  for (const [name, id] of Object.entries(peers)) {
    config[name as keyof CanisterConfig] = [id];
  }
  return config;
}

describe('ConfigStore', () => {
  it('stores the install argument and finds peers by name', () => {
    const store = new ConfigStore(new MemoryStore());
    store.onInit([withPeers({ profile, ledger })]);
    expect(store.peer('profile')?.toText()).toBe(profile.toText());
    expect(store.peer('ledger')?.toText()).toBe(ledger.toText());
    expect(store.peer('ai')).toBeUndefined();
  });

  it('starts with no peers when installed without an argument', () => {
    const store = new ConfigStore(new MemoryStore());
    store.onInit([]);
    expect(store.get()).toEqual(emptyConfig());
  });

  it('keeps the stored config on an upgrade without argument and replaces it on one with', () => {
    const store = new ConfigStore(new MemoryStore());
    store.onInit([withPeers({ profile })]);
    store.onPostUpgrade([]);
    expect(store.peer('profile')?.toText()).toBe(profile.toText());
    store.onPostUpgrade([withPeers({ ledger })]);
    expect(store.peer('profile')).toBeUndefined();
    expect(store.peer('ledger')?.toText()).toBe(ledger.toText());
  });
});
