// The verdict on a query against the registry of official accounts. Pure.
import { imitation, type Resemblance } from "./lookalike.js";
import { sameAccount, sameId, type AccountRef } from "./parse.js";

/** A registered account with its parsed handle. */
export interface OfficialEntry {
  channel: string;
  /** As registered ("@ParleySupport"). */
  handle: string;
  ref: AccountRef;
}

export type Verdict =
  /** The query is these official accounts (one per channel it is registered on). */
  | { kind: "official"; entries: OfficialEntry[]; channelGiven: boolean }
  /** The query names an official handle on a channel where it is not registered. */
  | { kind: "elsewhere"; entry: OfficialEntry }
  /** The query looks like an official account but is not it. */
  | { kind: "imitation"; entry: OfficialEntry; how: string }
  | { kind: "unknown" };

const onChannel = (entries: OfficialEntry[], query: AccountRef) => entries.find((e) => e.channel === query.channel) ?? entries[0]!;

/** Judges `query` against `registry`. */
export function judge(query: AccountRef, registry: OfficialEntry[]): Verdict {
  const matches = registry.filter((e) => sameAccount(query, { ...e.ref, channel: e.channel }));
  // Styled or invisible characters make a look-alike of the very account: never the account itself.
  if (matches.length > 0 && !query.plain) return { kind: "imitation", entry: onChannel(matches, query), how: "it is written in styled or invisible characters" };
  if (matches.length > 0) return { kind: "official", entries: matches, channelGiven: query.channel !== null };
  const elsewhere = registry.find((e) => query.channel !== null && e.channel !== query.channel && query.kind === e.ref.kind && sameId(query, e.ref));
  if (elsewhere) return { kind: "elsewhere", entry: elsewhere };
  let best: { entry: OfficialEntry; resemblance: Resemblance } | null = null;
  for (const entry of registry) {
    const resemblance = imitation(query, { ...entry.ref, channel: entry.channel });
    // On the query's own channel first, then the closest.
    const rank = (r: Resemblance, e: OfficialEntry) => r.score * 2 + (e.channel === query.channel ? 1 : 0);
    if (resemblance && (!best || rank(resemblance, entry) > rank(best.resemblance, best.entry))) best = { entry, resemblance };
  }
  return best ? { kind: "imitation", entry: best.entry, how: best.resemblance.how } : { kind: "unknown" };
}
