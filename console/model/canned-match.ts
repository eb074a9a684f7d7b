// Finding canned responses for what the agent is typing: "/" and the start of a shortcut, right before the caret,
// at the start of the box or after a space. Pure.
import type { CannedResponseView } from "../../server/protocol/index.js";

/** The "/shortcut" being typed and the responses it matches. */
export interface CannedQuery {
  /** Where the "/" is. */
  start: number;
  /** The caret (the end of what is replaced). */
  end: number;
  matches: CannedResponseView[];
}

/** Most suggestions offered at once. */
export const MAX_SUGGESTIONS = 8;

/**
 * The responses whose shortcut starts with what follows "/" before `caret`; the conversation's language first,
 * then others, each by shortcut. Null when the caret is not after a "/shortcut" or nothing matches.
 */
export function matchCanned(text: string, caret: number, responses: readonly CannedResponseView[], language: string | null): CannedQuery | null {
  const before = text.slice(0, caret);
  const typed = /(?:^|\s)\/([a-z0-9_-]{0,32})$/i.exec(before);
  if (!typed) return null;
  const prefix = typed[1]!.toLowerCase();
  const rank = (r: CannedResponseView) => (r.language === language ? 0 : 1);
  const matches = responses
    .filter((r) => r.shortcut.startsWith(prefix))
    .sort((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut) || Number(a.scope === "shared") - Number(b.scope === "shared"))
    .slice(0, MAX_SUGGESTIONS);
  return matches.length === 0 ? null : { start: caret - prefix.length - 1, end: caret, matches };
}

/** The text with the "/shortcut" replaced by the response, and where the caret goes. */
export function insertCanned(text: string, query: Pick<CannedQuery, "start" | "end">, response: Pick<CannedResponseView, "text">): { text: string; caret: number } {
  const next = text.slice(0, query.start) + response.text + text.slice(query.end);
  return { text: next, caret: query.start + response.text.length };
}
