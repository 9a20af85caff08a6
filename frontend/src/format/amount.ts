/** ckBTC (and the local ledger shaped like it) counts in units of 10^-8. */
export const DECIMALS = 8;
const SCALE = 10n ** BigInt(DECIMALS);

/** `123450000n` -> `1.2345`: whole units and the fraction without trailing zeros. */
export function formatUnits(units: bigint): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const fraction = (magnitude % SCALE).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${(magnitude / SCALE).toLocaleString('en-US')}${fraction ? `.${fraction}` : ''}`;
}

/** The amount with its symbol, e.g. `0.0005 ckBTC`. */
export function formatAmount(units: bigint, symbol = 'ckBTC'): string {
  return `${formatUnits(units)} ${symbol}`;
}

/**
 * Parses what a person typed (`0.5`, `1,000.25`) into ledger units; undefined when it is not an amount with at
 * most 8 decimals.
 */
export function parseAmount(text: string): bigint | undefined {
  const cleaned = text.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{0,8}))?$/.exec(cleaned);
  if (!match) return undefined;
  return BigInt(match[1]!) * SCALE + BigInt((match[2] ?? '').padEnd(DECIMALS, '0') || '0');
}
