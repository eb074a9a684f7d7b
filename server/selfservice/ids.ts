// Server-generated ids: a prefix and 96 random bits.
import { randomBytes } from "node:crypto";

/** A fresh id such as `t_3kT9…` (prefix, underscore, 16 base64url characters). */
export const randomId = (prefix: string): string => `${prefix}_${randomBytes(12).toString("base64url")}`;
