import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../server/auth/password.js";

describe("password hashing", () => {
  it("stores scrypt parameters, a 16-byte salt and a 64-byte key", async () => {
    const stored = await hashPassword("correct horse battery");
    const [scheme, n, r, p, salt, key] = stored.split("$");
    expect([scheme, n, r, p]).toEqual(["scrypt", "16384", "8", "1"]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(64);
  });

  it("derives the key exactly as scrypt with the stored salt and parameters", async () => {
    const stored = await hashPassword("correct horse battery");
    const [, , , , salt, key] = stored.split("$");
    const expected = scryptSync("correct horse battery", Buffer.from(salt!, "base64"), 64, { N: 16384, r: 8, p: 1 });
    expect(key).toBe(expected.toString("base64"));
  });

  it("uses a fresh salt each time, so equal passwords hash differently", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("accepts the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("verifies with the parameters stored in the hash, not the current defaults", async () => {
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync("older hash", salt, 32, { N: 1024, r: 4, p: 2 });
    const stored = `scrypt$1024$4$2$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword("older hash", stored)).toBe(true);
    expect(await verifyPassword("older hasH", stored)).toBe(false);
  });

  it.each([
    ["an empty string", ""],
    ["another scheme", "bcrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA=="],
    ["missing parts", "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA=="],
    ["a cost that is not a power of two", "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA=="],
    ["a cost too large to compute", "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA=="],
    ["a non-numeric parameter", "scrypt$16384$x$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA=="],
    ["a salt that is not base64", "scrypt$16384$8$1$not base64!$AAAAAAAAAAAAAAAAAAAAAA=="],
    ["a key that is too short", "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA"],
  ])("returns false for a malformed stored hash: %s", async (_label, stored) => {
    await expect(verifyPassword("anything", stored)).resolves.toBe(false);
  });
});
