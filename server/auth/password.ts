// Agent passwords: scrypt with a random salt, stored with its parameters so they can be raised later.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) would reject stronger stored parameters.
  const maxmem = 256 * options.N! * options.r! + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, keyLength, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Hashes a password as `scrypt$16384$8$1$<saltB64>$<hashB64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

interface Stored {
  options: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

// Bounds keep a tampered hash from making one sign-in take seconds or gigabytes.
function parse(stored: string): Stored | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [n, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : 0)) as [number, number, number];
  const [salt, key] = parts.slice(4) as [string, string];
  if (n < 2 || n > 2 ** 20 || (n & (n - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  if (!BASE64.test(salt) || !BASE64.test(key)) return null;
  const keyBytes = Buffer.from(key, "base64");
  if (keyBytes.length < 16 || keyBytes.length > 128) return null;
  return { options: { N: n, r, p }, salt: Buffer.from(salt, "base64"), key: keyBytes };
}

/** Whether `password` matches a hash made by {@link hashPassword}; false for a malformed hash. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.options);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}
