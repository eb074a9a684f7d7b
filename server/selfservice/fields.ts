// Checks of form fields (multipart or JSON): each problem becomes an issue naming the field; nothing throws.
import { normaliseText, textLength } from "../domain/message.js";
import type { Issue } from "../protocol/ack.js";
import { parseEmailAddress } from "./mail/address.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters other than tab and newline, and line/paragraph separators.
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;
const CONTROL_IN_LINE = /[\p{Cc}\u2028\u2029]/u;

export interface TextRule {
  max: number;
  /** Default true. */
  required?: boolean;
  /** One line: CR, LF and other control characters are refused (subjects end up in email headers). */
  oneLine?: boolean;
}

/** Reads fields from a map of strings, collecting issues. */
export function createFieldCheck(fields: Map<string, string>) {
  const issues: Issue[] = [];
  const problem = (path: string, message: string) => void issues.push({ path, message });
  const raw = (name: string) => {
    const value = fields.get(name);
    return value === undefined ? "" : value;
  };

  return {
    issues,
    problem,
    /** Normalised text (line endings, trimmed); "" when missing and not required. */
    text(name: string, rule: TextRule): string {
      const value = raw(name);
      if (LONE_SURROGATE.test(value)) return problem(name, "contains an invalid character"), "";
      if (rule.oneLine && CONTROL_IN_LINE.test(value)) return problem(name, "must be one line without control characters"), "";
      const text = normaliseText(value).replace(CONTROL_IN_TEXT, "");
      if (text === "" && rule.required !== false) return problem(name, "is required"), "";
      const length = textLength(text);
      if (length > rule.max) problem(name, `has ${length} characters; the limit is ${rule.max}`);
      return text;
    },
    /** One plain email address, or null when missing and not required. */
    email(name: string, required: boolean): string | null {
      const value = raw(name).trim();
      if (value === "") return required ? (problem(name, "is required"), null) : null;
      const email = parseEmailAddress(value);
      if (!email) problem(name, "is not one valid email address");
      return email;
    },
    /** One of `values` (exact, or by letter case when no exact match), or `fallback` when missing. */
    oneOf<T extends string>(name: string, values: readonly T[], fallback?: T): T | null {
      const value = raw(name).trim();
      if (value === "") return fallback ?? (problem(name, "is required"), null);
      const found = values.find((v) => v === value) ?? values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (!found) problem(name, `must be one of: ${values.join(", ")}`);
      return found ?? null;
    },
    /** A configured language ("de-CH" → "de"); the first configured one when missing. */
    language(name: string, languages: string[]): string {
      const value = raw(name).trim();
      if (value === "") return languages[0]!;
      const code = value.toLowerCase().split(/[-_]/)[0]!;
      if (!languages.includes(code)) problem(name, `"${value.slice(0, 20)}" is not one of the languages offered (${languages.join(", ")})`);
      return code;
    },
    /** A whole number in [min, max]. */
    integer(name: string, min: number, max: number): number | null {
      const value = raw(name).trim();
      if (!/^\d{1,3}$/.test(value) || Number(value) < min || Number(value) > max) return problem(name, `must be a whole number from ${min} to ${max}`), null;
      return Number(value);
    },
  };
}

export type FieldCheck = ReturnType<typeof createFieldCheck>;
