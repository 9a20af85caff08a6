import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { named } from '../src/named_type';

const plainColor = IDL.Variant({ red: IDL.Null, green: IDL.Null });
const plainItem = IDL.Record({ owner: IDL.Principal, color: plainColor, tags: IDL.Vec(IDL.Text), at: IDL.Opt(IDL.Nat64) });
const plainPair = IDL.Record({ first: plainItem, second: plainItem, colors: IDL.Vec(plainColor) });

const Color = named('Color', IDL.Variant({ red: IDL.Null, green: IDL.Null }));
const Item = named('Item', IDL.Record({ owner: IDL.Principal, color: Color, tags: IDL.Vec(IDL.Text), at: IDL.Opt(IDL.Nat64) }));
const Pair = named('Pair', IDL.Record({ first: Item, second: Item, colors: IDL.Vec(Color) }));

const item = { owner: Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai'), color: { green: null }, tags: ['a', 'b'], at: [5n] };
const pair = { first: item, second: { ...item, color: { red: null }, at: [] }, colors: [{ red: null }, { green: null }] };

describe('named candid types', () => {
  it('are named in their display form', () => {
    expect(Pair.name).toBe('Pair');
    expect(IDL.Opt(Item).name).toBe('opt Item');
  });

  it('decode what the plain type encodes, and the reverse', () => {
    expect(IDL.decode([Pair], IDL.encode([plainPair], [pair]))[0]).toEqual(pair);
    expect(IDL.decode([plainPair], IDL.encode([Pair], [pair]))[0]).toEqual(pair);
  });

  it('round-trip when used several times in one message', () => {
    const bytes = IDL.encode([IDL.Vec(Pair), Item, IDL.Opt(Color)], [[pair, pair], item, [{ red: null }]]);
    const [pairs, single, color] = IDL.decode([IDL.Vec(Pair), Item, IDL.Opt(Color)], bytes);
    expect(pairs).toEqual([pair, pair]);
    expect(single).toEqual(item);
    expect(color).toEqual([{ red: null }]);
  });

  it('refuse values that do not fit, like the plain type', () => {
    expect(() => IDL.encode([Item], [{ ...item, color: { blue: null } }])).toThrow();
  });
});
