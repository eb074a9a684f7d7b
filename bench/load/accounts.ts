// The load's agent accounts: one naming rule shared by the benchmark (which creates them in Parley's data
// directory before start) and the relay (which has no accounts and reads an agent's language from the email).

/** Every load agent's password (they only ever exist in a temporary data directory). */
export const AGENT_PASSWORD = "load-benchmark-agent";

/** The most chats Parley lets one agent hold (`--max-chats` 1–50); load agents take that many. */
export const CHATS_PER_AGENT = 50;

/** The email of load agent `index` of a language, e.g. `load-de-7@bench.parley.test`. */
export const agentEmail = (language: string, index: number): string => `load-${language}-${index}@bench.parley.test`;

/** The language of a load agent, from its email (the relay's only way to know it). */
export function relayAgentLanguage(email: string): string {
  return /^load-([a-z]{2,3})-\d+@/.exec(email)?.[1] ?? "en";
}
