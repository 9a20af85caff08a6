/** A call the asset canister refuses; dfx's canister traps with this message (reject code 5). */
export class AssetError extends Error {
  override readonly name = 'AssetError';
}

/** The caller lacks a permission; dfx's canister refuses these in a guard, which rejects with code 4. */
export class PermissionError extends Error {
  override readonly name = 'PermissionError';
}
