import { describe, expect, it } from 'vitest';

import { Migration, SchemaVersion, schemaVersionCodec } from '../src/storage/schema';
import { StableCell } from '../src/storage/stable_cell';
import { MemoryStore } from './memory_store';

function setup(target: number, migrations: Migration[], stored?: number) {
  const meta = new MemoryStore<string, Uint8Array>();
  const cell = new StableCell(meta, 'common.schema_version', schemaVersionCodec);
  if (stored !== undefined) {
    cell.set(stored);
  }
  return { cell, schema: new SchemaVersion(cell, target, migrations) };
}

function recording(log: number[], version: number): Migration {
  return { version, description: `to v${version}`, migrate: () => void log.push(version) };
}

describe('SchemaVersion', () => {
  it('stamps a fresh install with the target version without migrating', () => {
    const log: number[] = [];
    const { cell, schema } = setup(3, [recording(log, 2), recording(log, 3)]);
    schema.initialize();
    expect(cell.get()).toBe(3);
    expect(log).toEqual([]);
  });

  it('runs only the migrations newer than the stored version, in order', () => {
    const log: number[] = [];
    const { cell, schema } = setup(4, [recording(log, 2), recording(log, 3), recording(log, 4)], 2);
    const report = schema.migrate();
    expect(log).toEqual([3, 4]);
    expect(cell.get()).toBe(4);
    expect(report).toEqual({ from: 2, to: 4, applied: ['3: to v3', '4: to v4'] });
  });

  it('does nothing when already current', () => {
    const log: number[] = [];
    const { schema } = setup(2, [recording(log, 2)], 2);
    expect(schema.migrate().applied).toEqual([]);
    expect(log).toEqual([]);
  });

  it('leaves the version at the last completed step when a migration throws', () => {
    const failing: Migration = {
      version: 3,
      description: 'bad',
      migrate: () => {
        throw new Error('boom');
      }
    };
    const { cell, schema } = setup(3, [{ version: 2, description: 'ok', migrate: () => {} }, failing], 1);
    expect(() => schema.migrate()).toThrow('boom');
    expect(cell.get()).toBe(2);
  });

  it('refuses a downgrade and storage that was never initialized', () => {
    expect(() => setup(1, [], 2).schema.migrate()).toThrow(/downgrade/);
    expect(() => setup(1, []).schema.migrate()).toThrow(/never initialized/);
  });

  it('refuses a migration list with holes or that does not reach the target', () => {
    const noop = (version: number): Migration => ({ version, description: '', migrate: () => {} });
    expect(() => setup(3, [noop(2), noop(4)])).toThrow(/expected 3/);
    expect(() => setup(3, [noop(2)])).toThrow(/target is 3/);
    expect(() => setup(0, [])).toThrow(/positive/);
  });

  it('stores the version as 4 big-endian bytes', () => {
    expect([...schemaVersionCodec.toBytes(258)]).toEqual([0, 0, 1, 2]);
  });
});
