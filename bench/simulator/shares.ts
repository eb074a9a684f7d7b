// How multilingual agents' capacity divides between their languages over an hour, for the Erlang C reference's
// staffing per language (the server's estimates once used it too; they now count a shared agent's releases to older
// customers of other lines instead, see `lostToOlder` in server/domain/eta.ts). Pure.

/**
 * Each agent's part in each of their languages (those in `load`). Starting from an even split, each part is scaled
 * by its language's load per slot, 200 times (proportional fitting). It settles where load per slot is as even as
 * the agents' languages allow: a language others already serve well takes little of a multilingual agent, one only
 * they speak takes what its load needs. With no load in any of their languages an agent's capacity is split evenly.
 */
export function fitShares(
  load: Readonly<Record<string, number>>,
  agents: ReadonlyArray<{ languages: readonly string[]; capacity: number }>,
): Array<Map<string, number>> {
  const codes = Object.keys(load);
  const speaks = agents.map((a) => a.languages.filter((l) => l in load));
  let shares = speaks.map((mine) => new Map(mine.map((l) => [l, 1 / mine.length])));
  for (let round = 0; round < 200; round++) {
    const servers: Record<string, number> = Object.fromEntries(codes.map((code) => [code, 0]));
    shares.forEach((share, i) => share.forEach((part, l) => (servers[l]! += part * agents[i]!.capacity)));
    shares = shares.map((share, i) => {
      const mine = speaks[i]!;
      const weight = mine.map((l) => share.get(l)! * (load[l]! / Math.max(servers[l]!, 1e-9)));
      const total = weight.reduce((a, b) => a + b, 0);
      return new Map(mine.map((l, k) => [l, total > 0 ? weight[k]! / total : 1 / mine.length]));
    });
  }
  return shares;
}
