// Whether an account imitates an official one, and how. Pure.
import type { AccountRef } from "./parse.js";
import { sameId } from "./parse.js";
import { core, oneEditApart, skeleton } from "./skeleton.js";

/** How close an imitation is (higher is closer) and a phrase saying how. */
export interface Resemblance {
  score: number;
  how: string;
}

/** Handles at least this long are also caught one character off. */
export const MIN_EDIT_LENGTH = 6;

const compact = (id: string) => id.toLowerCase().replace(/[\s_.\-]+/g, "");

/** For an email address: the local part and the domain without its last label ("parley" of parley.example). */
function emailParts(id: string): { local: string; brand: string } {
  const [local = "", domain = ""] = id.toLowerCase().split("@");
  return { local, brand: domain.split(".").slice(0, -1).join(".") || domain };
}

/** How `query` resembles the handle `official` (plain strings), or null. */
function resembles(query: string, official: string): Resemblance | null {
  const q = skeleton(query);
  const o = skeleton(official);
  if (q === "" || o === "") return null;
  if (q === o) return { score: 4, how: "it uses look-alike characters" };
  const qc = core(q);
  const oc = core(o);
  if (qc === oc) return { score: 3, how: "it adds or drops a word such as “official” or “support”" };
  if (compact(official).length >= MIN_EDIT_LENGTH && oneEditApart(q, o)) return { score: 2, how: "it is one character off" };
  if (qc.length >= 5 && oc.length >= 5 && oneEditApart(qc, oc)) return { score: 1, how: "it is one character off" };
  return null;
}

/** How `query` (an email) resembles the official email `official`: a brand in a look-alike domain or mailbox. */
function resemblesEmail(query: AccountRef, official: AccountRef): Resemblance | null {
  const q = emailParts(query.id);
  const o = emailParts(official.id);
  const brand = core(skeleton(o.brand));
  const domain = skeleton(q.brand);
  if (domain === skeleton(o.brand)) return resembles(q.local, o.local) ?? { score: 1, how: "it uses another mailbox at a look-alike address" };
  if (brand.length >= 4 && (domain.includes(brand) || oneEditApart(core(domain), brand))) return { score: 3, how: "its domain imitates ours" };
  if (brand.length >= 4 && skeleton(q.local).includes(brand)) return { score: 2, how: "it puts our name on another mail domain" };
  return null;
}

/** How `query` imitates `official` (already known not to be the same account), or null when it does not. */
export function imitation(query: AccountRef, official: AccountRef): Resemblance | null {
  const name = query.name ?? query.id;
  if (sameId(query, official) || name.toLowerCase() === official.id.toLowerCase()) {
    if (query.kind !== official.kind && query.kind !== null) return { score: 4, how: "it is another kind of page with the same name" };
    return { score: 4, how: "it differs only in letter case" };
  }
  if (query.channel === "email" && official.channel === "email") return resemblesEmail(query, official);
  const queryName = query.channel === "email" ? emailParts(query.id).local : name;
  if (official.channel !== "email") return resembles(queryName, official.id);
  // A handle like our mail domain: a weak match, used only when no handle of ours is closer.
  const resemblance = resembles(queryName, emailParts(official.id).brand);
  return resemblance && { ...resemblance, score: 0.5 };
}
