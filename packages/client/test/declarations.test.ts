import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';

import * as client from '../src/index.js';

const exported = Object.entries(client as Record<string, unknown>);
const factories = exported.filter(([name]) => name.endsWith('IdlFactory'));

describe('@chargex/client declarations', () => {
  it('export an init beside every IDL factory', () => {
    const inits = exported.filter(([name]) => name.endsWith('Init')).map(([name]) => name.replace(/Init$/, ''));
    expect(inits).toEqual(factories.map(([name]) => name.replace(/IdlFactory$/, '')));
  });

  it.each(factories)('%s builds a service with @dfinity/candid', (name, factory) => {
    const service = (factory as IDL.InterfaceFactory)({ IDL });
    expect(service).toBeInstanceOf(IDL.ServiceClass);
    expect(service._fields.length).toBeGreaterThan(0);
    const init = client[name.replace(/IdlFactory$/, 'Init') as keyof typeof client] as unknown as (idl: {
      IDL: typeof IDL;
    }) => IDL.Type[];
    expect(Array.isArray(init({ IDL }))).toBe(true);
  });
});
