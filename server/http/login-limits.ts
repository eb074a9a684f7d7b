// Sign-in limits. Brute force stays slow without letting a stranger lock the owner out:
// - per address: every attempt (10, then 1 per 30 s);
// - per address + account: every attempt (10, then 1 per 90 s);
// - per account, failures only, from browsers and addresses the account never signed in from (20, then 1 per
//   60 s): slows a guesser spread over many addresses. A known device (signed cookie from an earlier sign-in) and
//   an address the account signed in from before are exempt, so the owner is never locked out by others' guesses.
import { createRateLimiter } from "./rate-limit.js";

/** Addresses remembered per account as "signed in from here before" (most recent first). */
const KNOWN_ADDRESSES = 5;
/** Accounts whose known addresses are remembered at most (oldest forgotten first). */
const KNOWN_ACCOUNTS = 10_000;

export interface LoginAttempt {
  address: string;
  /** Lower-cased email as typed (also for unknown accounts: answers must not tell them apart). */
  email: string;
  /** The request carries a valid device cookie of this account. */
  knownDevice: boolean;
}

export function createLoginLimits(now?: () => number) {
  const byAddress = createRateLimiter(10, 1 / 30, now);
  const byAddressAccount = createRateLimiter(10, 1 / 90, now);
  const strangersFailures = createRateLimiter(20, 1 / 60, now);
  const knownAddresses = new Map<string, string[]>();

  const trusted = (a: LoginAttempt) => a.knownDevice || (knownAddresses.get(a.email)?.includes(a.address) ?? false);
  const pairKey = (a: LoginAttempt) => `${a.address}\n${a.email}`;

  return {
    /** Takes the attempt's tokens; false when it must be refused (429) before the password is checked. */
    admit(a: LoginAttempt): boolean {
      if (!byAddress.take(a.address) || !byAddressAccount.take(pairKey(a))) return false;
      // A failure slot is held while the password is checked, so parallel guesses cannot overrun the limit.
      return trusted(a) || strangersFailures.take(a.email);
    },
    /** The password was right: the held failure slot is given back and the address becomes known. */
    succeeded(a: LoginAttempt): void {
      if (!trusted(a)) strangersFailures.refund(a.email);
      const list = [a.address, ...(knownAddresses.get(a.email) ?? []).filter((x) => x !== a.address)].slice(0, KNOWN_ADDRESSES);
      knownAddresses.delete(a.email);
      knownAddresses.set(a.email, list);
      if (knownAddresses.size > KNOWN_ACCOUNTS) knownAddresses.delete(knownAddresses.keys().next().value!);
    },
  };
}

export type LoginLimits = ReturnType<typeof createLoginLimits>;
