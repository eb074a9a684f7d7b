import type { ZodError } from "zod";
import type { Issue } from "../protocol/ack.js";

/** Zod issues → our `{ path, message }` list (dotted path, "(root)" for the whole payload). */
export function zodIssues(error: ZodError): Issue[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}
