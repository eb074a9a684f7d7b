// Validation of agent fields given on the command line; each failure is a UsageError naming the option.
import { ConfigError, parseLanguages } from "../config.js";
import { formatShift, isTimeZone, parseShift } from "../domain/schedule.js";
import type { AgentRole } from "../protocol/views.js";
import { UsageError } from "./args.js";

const ROLES: readonly AgentRole[] = ["agent", "supervisor", "admin"];
const CONTROL = /\p{Cc}/u;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The smallest and largest `--max-chats`. */
export const MAX_CHATS = { min: 1, max: 50 } as const;
/** Password length limits, in characters. */
export const PASSWORD = { min: 8, max: 1024 } as const;

/** A lower-cased email address. */
export function parseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || CONTROL.test(email) || !EMAIL.test(email)) throw new UsageError(`--email: ${JSON.stringify(raw)} is not an email address`);
  return email;
}

/** A display name: 1–100 characters, no control characters (it is shown to customers). */
export function parseName(raw: string): string {
  const name = raw.trim();
  if (name === "" || [...name].length > 100 || CONTROL.test(name)) {
    throw new UsageError("--name must be 1 to 100 characters without control characters");
  }
  return name;
}

/** Languages Parley knows that are also configured (LANGUAGES). */
export function parseAgentLanguages(raw: string, configured: string[]): string[] {
  let languages: string[];
  try {
    languages = parseLanguages(raw, "--languages");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const missing = languages.find((code) => !configured.includes(code));
  if (missing) throw new UsageError(`--languages: "${missing}" is not a configured language (configured: ${configured.join(", ")})`);
  return languages;
}

/** A whole number of simultaneous chats within {@link MAX_CHATS}. */
export function parseMaxChats(raw: string): number {
  const value = /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(value >= MAX_CHATS.min && value <= MAX_CHATS.max)) {
    throw new UsageError(`--max-chats must be a whole number from ${MAX_CHATS.min} to ${MAX_CHATS.max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** One of the agent roles. */
export function parseRole(raw: string): AgentRole {
  const role = ROLES.find((r) => r === raw.trim().toLowerCase());
  if (!role) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got ${JSON.stringify(raw)}`);
  return role;
}

/** Checks a password read from standard input. */
export function checkPassword(password: string): string {
  if (password === "") throw new UsageError("no password on standard input (pipe it in, e.g. echo 'a-long-password' | parley …)");
  const length = [...password].length;
  if (length < PASSWORD.min) throw new UsageError(`the password must be at least ${PASSWORD.min} characters`);
  if (length > PASSWORD.max) throw new UsageError(`the password must be at most ${PASSWORD.max} characters`);
  return password;
}

/** An IANA time zone such as Europe/Berlin. */
export function parseTimeZone(raw: string): string {
  const zone = raw.trim();
  if (!isTimeZone(zone) || zone === "") throw new UsageError(`--timezone: ${JSON.stringify(raw)} is not a time zone (use an IANA name such as Europe/Berlin)`);
  return zone;
}

/** Weekly shifts, each like "Mon-Fri 08:00-16:00"; a single "none" clears them. Stored in a normal form. */
export function parseShifts(raw: string[]): string[] {
  if (raw.length === 1 && raw[0]!.trim().toLowerCase() === "none") return [];
  return raw.map((text) => {
    const shift = parseShift(text);
    if (typeof shift === "string") throw new UsageError(`--shift: ${shift}`);
    return formatShift(shift);
  });
}
