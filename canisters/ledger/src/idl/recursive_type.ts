import { IDL } from '@dfinity/candid';

/** A Rec whose name is ours, so the generated .did declares `type <name>` once even though the type refers to itself. */
class RecursiveNamedType<T> extends IDL.RecClass<T> {
  constructor(private readonly typeName_: string) {
    super();
  }

  override get name(): string {
    return this.typeName_;
  }
}

/**
 * A named candid type that refers to itself: `build` receives the type being defined. (common's `named` fills its
 * Rec at once, which a self-referring type cannot wait for.)
 */
export function namedRecursive<T>(name: string, build: (self: IDL.RecClass<T>) => IDL.Type): IDL.RecClass<T> {
  const type = new RecursiveNamedType<T>(name);
  type.fill(build(type) as IDL.ConstructType<T>);
  return type;
}
