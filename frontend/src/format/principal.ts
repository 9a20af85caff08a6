/** `abcde-fghij-...-xyz` -> `abcde…xyz`, for tables; the full text goes in a title. */
export function shortPrincipal(text: string): string {
  return text.length <= 17 ? text : `${text.slice(0, 5)}…${text.slice(-5)}`;
}
