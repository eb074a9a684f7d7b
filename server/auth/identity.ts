// Verified identity (IDENTITY_SECRET): the site signs its own customer id, `hash = hex(HMAC-SHA256(secret, id))`, on its
// server and hands it to the widget with `Parley.identify({ id, name, email, hash })`. A valid hash proves the site vouches
// for that id; every device that presents it becomes the same Parley visitor, so the customer sees their conversations
// anywhere. Without a valid hash nothing is linked: what was typed never attaches to a verified customer's history.
import { createHmac, timingSafeEqual } from "node:crypto";

/** True when `hash` is the hex HMAC-SHA256 of `id` under `secret` (constant-time; any malformed hash is false). */
export function verifyIdentity(secret: string, id: string, hash: string): boolean {
  const expected = createHmac("sha256", secret).update(id, "utf8").digest();
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) return false;
  return timingSafeEqual(expected, Buffer.from(hash, "hex"));
}

/**
 * The visitor id every device of one verified customer shares. Derived with the secret (and a purpose label), so it
 * reveals nothing about the site's customer id and cannot be guessed without the secret.
 */
export function verifiedVisitorId(secret: string, id: string): string {
  return `v_i${createHmac("sha256", secret).update(`parley-visitor:${id}`, "utf8").digest("base64url").slice(0, 32)}`;
}
