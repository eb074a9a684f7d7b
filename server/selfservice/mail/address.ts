// Customer email addresses: exactly one plain address, or nothing. What passes here cannot add a header or a
// recipient (no CR/LF, no comma, no angle brackets or quotes), whatever the mailer later does with it. Pure.

/** Longest address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Letters of any script are allowed in the domain (IDN); the mailer encodes them as punycode.
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** The address with its domain lower-cased, or null when `raw` is not one plain email address. */
export function parseEmailAddress(raw: string): string | null {
  const value = raw.trim();
  if (value.length === 0 || value.length > MAX_EMAIL_LENGTH) return null;
  const at = value.lastIndexOf("@");
  if (at <= 0 || value.indexOf("@") !== at) return null;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).normalize("NFC").toLowerCase().split(".");
  if (local.length > 64 || !LOCAL.test(local)) return null;
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) return null;
  return `${local}@${labels.join(".")}`;
}

/**
 * The mailbox an address reaches, for counting: lower-cased, without a "+tag" in the local part (most providers
 * deliver `kim+x@` to `kim@`). Only for limits — mail still goes to the address as given.
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, at).split("+")[0]}@${address.slice(at + 1)}`.toLowerCase();
}
