/**
 * Setting descriptors: each says its type, default, description and constraints. The schema (schema.ts) is a
 * tree of them; the Settings type, the environment variable names, the defaults and the validation all derive
 * from that one tree.
 */
export type Setting = IntegerSetting | StringSetting | BooleanSetting | EnumSetting<readonly string[]>;

interface Common<T> {
  description: string;
  default: T;
  /** Checks beyond the type; returns a reason when the value is not acceptable. */
  check?(value: T): string | undefined;
}

export interface IntegerSetting extends Common<number> {
  kind: 'integer';
  min: number;
  max: number;
}
export interface StringSetting extends Common<string> {
  kind: 'string';
  /** A secret is never printed by `settings` (passwords). */
  secret?: boolean;
}
export interface BooleanSetting extends Common<boolean> {
  kind: 'boolean';
}
export interface EnumSetting<V extends readonly string[]> extends Common<V[number]> {
  kind: 'enum';
  values: V;
}

export const integer = (spec: Omit<IntegerSetting, 'kind'>): IntegerSetting => ({ kind: 'integer', ...spec });
export const string = (spec: Omit<StringSetting, 'kind'>): StringSetting => ({ kind: 'string', ...spec });
export const boolean = (spec: Omit<BooleanSetting, 'kind'>): BooleanSetting => ({ kind: 'boolean', ...spec });
export const oneOf = <const V extends readonly string[]>(values: V, spec: Omit<EnumSetting<V>, 'kind' | 'values'>): EnumSetting<V> => ({
  kind: 'enum',
  values,
  ...spec,
});

export interface SchemaTree {
  [name: string]: Setting | SchemaTree;
}

/** The plain values a schema tree describes. */
export type ValuesOf<T> = {
  [K in keyof T]: T[K] extends IntegerSetting
    ? number
    : T[K] extends StringSetting
      ? string
      : T[K] extends BooleanSetting
        ? boolean
        : T[K] extends EnumSetting<infer V>
          ? V[number]
          : ValuesOf<T[K]>;
};

export const isSetting = (node: Setting | SchemaTree): node is Setting => typeof (node as Setting).kind === 'string' && 'default' in node;
