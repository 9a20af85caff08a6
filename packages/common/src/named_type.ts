import { IDL } from '@dfinity/candid';

/**
 * A candid type with a name. Azle writes a generated .did with every type inline, except recursive (`Rec`) types,
 * which it declares once as `type <name> = ...` and refers to by name. Filling a Rec whose name is ours gives
 * readable .did files (and named types in clients generated from them); the wire encoding is unchanged because
 * a Rec encodes exactly as the type it wraps.
 */
class NamedTypeClass<T> extends IDL.RecClass<T> {
  constructor(private readonly typeName_: string) {
    super();
  }

  override get name(): string {
    return this.typeName_;
  }
}

/** Names `type` in generated candid; names must be unique within a canister's interface. */
export function named<T>(name: string, type: IDL.Type<T>): IDL.RecClass<T> {
  const namedType = new NamedTypeClass<T>(name);
  namedType.fill(type as IDL.ConstructType<T>);
  return namedType;
}

/**
 * Names a candid type that refers to itself (ICRC-3's Value, GetBlocksResult through its archive callback):
 * `build` receives the type being defined, which `named` cannot give because it fills its type at once.
 */
export function namedRecursive<T>(name: string, build: (self: IDL.RecClass<T>) => IDL.Type): IDL.RecClass<T> {
  const namedType = new NamedTypeClass<T>(name);
  namedType.fill(build(namedType) as IDL.ConstructType<T>);
  return namedType;
}
