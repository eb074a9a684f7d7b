// Reading query strings: each parameter at most once, as a string. Pure.
import type { Issue } from "../protocol/ack.js";

/** Reads single-valued string parameters from `query`, collecting issues for repeated or over-long ones. */
export function createQueryCheck(query: unknown) {
  const issues: Issue[] = [];
  const params = (typeof query === "object" && query !== null ? query : {}) as Record<string, unknown>;
  return {
    issues,
    /** The parameter, trimmed; undefined when absent or empty. */
    string(name: string, max = 200): string | undefined {
      const value = Object.hasOwn(params, name) ? params[name] : undefined;
      if (value === undefined) return undefined;
      if (typeof value !== "string") return void issues.push({ path: name, message: "must be given once" });
      const text = value.trim();
      if (Array.from(text).length > max) return void issues.push({ path: name, message: `must be at most ${max} characters` });
      return text === "" ? undefined : text;
    },
    /** One of `values`, or undefined when absent. */
    oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
      const value = this.string(name);
      if (value === undefined) return undefined;
      const found = values.find((v) => v === value);
      if (!found) issues.push({ path: name, message: `must be one of: ${values.join(", ")}` });
      return found;
    },
  };
}

/** "subject: is required" — the first issue, for the error message. */
export const firstIssue = (issues: Issue[]): string => (issues[0] ? `${issues[0].path} ${issues[0].message}` : "");
