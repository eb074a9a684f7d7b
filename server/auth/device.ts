// Device cookies: a browser an agent signed in from before. The cookie is signed with a key derived from the
// agent's password hash, so it is worth nothing for another account, cannot be forged without the store, and ends
// with a password change. It proves no identity (the password is still needed); it only exempts that browser from
// the per-account limit that strangers' failed guesses fill (see server/http/login-limits.ts).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AgentRecord } from "../store/port.js";

export const DEVICE_COOKIE = "parley_device";
/** How long a device stays known without a new sign-in. */
export const DEVICE_TTL_MS = 180 * 24 * 3_600_000;

const mac = (agent: AgentRecord, body: string) => createHmac("sha256", `parley-device:${agent.passwordHash}`).update(`${agent.id}.${body}`).digest("base64url");

/** A new device cookie value for `agent`. */
export function deviceToken(agent: AgentRecord, now: number): string {
  const body = `${randomBytes(12).toString("base64url")}.${now.toString(36)}`;
  return `${body}.${mac(agent, body)}`;
}

/** True when `token` was issued to `agent` (with its current password) within DEVICE_TTL_MS. */
export function isKnownDevice(token: string | undefined, agent: AgentRecord | null, now: number): boolean {
  if (!token || !agent || token.length > 200) return false;
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  const [nonce, issued, signature] = parts as [string, string, string];
  const issuedAt = parseInt(issued, 36);
  if (!Number.isFinite(issuedAt) || issuedAt > now || now - issuedAt > DEVICE_TTL_MS) return false;
  const expected = Buffer.from(mac(agent, `${nonce}.${issued}`));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
