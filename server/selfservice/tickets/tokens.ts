// The customer's secret link token: HMAC-SHA256 of the ticket id under a key kept in DATA_DIR/ticket-links.key
// (256 bits). The store keeps only SHA-256(token), so a copy of the store alone opens no ticket; the key lets
// every later email carry the same link without the token ever being written down.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The key file's name in the data directory. */
export const KEY_FILE = "ticket-links.key";
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface TicketTokens {
  /** The ticket's token (43 base64url characters, 256 bits). */
  tokenFor(ticketId: string): string;
  /** SHA-256 (hex) of a token: what the store keeps and looks up. */
  hash(token: string): string;
  /** Whether `token` has the shape of a token (checked before any lookup). */
  wellFormed(token: unknown): token is string;
}

/** Reads the key, creating it on first use. A key file that is not 32+ bytes of hex stops start-up. */
export async function loadTicketKey(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, KEY_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const created = randomBytes(32).toString("hex");
    // "wx": if two starts race, the second reads the first one's key instead of replacing it.
    await writeFile(path, `${created}\n`, { flag: "wx", mode: 0o600 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "EEXIST") throw e;
    });
    text = await readFile(path, "utf8");
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64,}$/i.test(hex)) {
    throw new Error(`${path} does not hold a key (64+ hex digits); restore it from a backup (replacing it breaks every ticket link sent)`);
  }
  return Buffer.from(hex, "hex");
}

export function createTicketTokens(key: Buffer): TicketTokens {
  return {
    tokenFor: (ticketId) => createHmac("sha256", key).update(`ticket:${ticketId}`).digest("base64url"),
    hash: (token) => createHash("sha256").update(token).digest("hex"),
    wellFormed: (token): token is string => typeof token === "string" && TOKEN.test(token),
  };
}
