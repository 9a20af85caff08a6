/**
 * Format checks for what people type. Each returns the reason a value is refused, or undefined when it is fine,
 * so callers can put the reason straight into an InvalidArgument error.
 */

export const DISPLAY_NAME_MAX_CHARS = 64;
export const EMAIL_MAX_CHARS = 254;
export const WEBHOOK_URL_MAX_CHARS = 512;

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const HOST_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const E164 = /^\+[1-9][0-9]{7,14}$/;
const URL_REST = /^[/?#][^\s\u0000-\u001f\u007f]*$/;

/** A display name: 1 to 64 characters, no control characters, no surrounding spaces. */
export function displayNameProblem(name: string): string | undefined {
  const length = [...name].length;
  if (length === 0 || name.trim().length === 0) {
    return 'must not be empty';
  }
  if (length > DISPLAY_NAME_MAX_CHARS) {
    return `must be at most ${DISPLAY_NAME_MAX_CHARS} characters, got ${length}`;
  }
  if (name !== name.trim()) {
    return 'must not start or end with spaces';
  }
  if (CONTROL_CHARS.test(name)) {
    return 'must not contain control characters';
  }
  return undefined;
}

/** An email address of the usual shape `local@domain.tld` (no quoted local parts, no IP literals). */
export function emailProblem(email: string): string | undefined {
  if (email.length > EMAIL_MAX_CHARS) {
    return `must be at most ${EMAIL_MAX_CHARS} characters`;
  }
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (at < 1 || local.length > 64 || !EMAIL_LOCAL.test(local)) {
    return 'must look like name@example.com';
  }
  return hostnameProblem(domain) === undefined ? undefined : 'must look like name@example.com';
}

/** A phone number in E.164 form: `+`, country code, number, 8 to 15 digits, no spaces. */
export function phoneProblem(phone: string): string | undefined {
  return E164.test(phone) ? undefined : 'must be in E.164 form, e.g. +41791234567 (8 to 15 digits, no spaces)';
}

/** An absolute https:// URL to a public host name, without credentials, at most 512 characters. */
export function webhookUrlProblem(url: string): string | undefined {
  if (url.length > WEBHOOK_URL_MAX_CHARS) {
    return `must be at most ${WEBHOOK_URL_MAX_CHARS} characters`;
  }
  const scheme = 'https://';
  if (url.slice(0, scheme.length).toLowerCase() !== scheme) {
    return 'must start with https://';
  }
  const rest = url.slice(scheme.length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const path = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  if (authority.includes('@')) {
    return 'must not contain credentials';
  }
  const [host = '', port, ...extra] = authority.split(':');
  if (extra.length > 0 || hostnameProblem(host) !== undefined) {
    return 'must name a host like hooks.example.com';
  }
  if (port !== undefined && !validPort(port)) {
    return 'port must be a number from 1 to 65535';
  }
  if (path !== '' && !URL_REST.test(path)) {
    return 'must not contain spaces or control characters';
  }
  return undefined;
}

function hostnameProblem(host: string): string | undefined {
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (host.length > 253 || labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label)) || !/^[A-Za-z]{2,}$/.test(tld)) {
    return 'invalid host name';
  }
  return undefined;
}

function validPort(port: string): boolean {
  return /^[0-9]{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}
