// The answer a customer reads: official or not, and what to do. Pure.
import type { VerifyResultView } from "../../protocol/selfservice.js";
import type { Verdict } from "./judge.js";
import { quote } from "./text.js";

/** Safety advice given with every answer that is not "official". */
export const ADVICE =
  "Never share your password, 2FA codes or private keys with anyone. Our staff will never ask you for them, and will never ask you to move funds.";

const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/** The view of `verdict` for the query as typed (`display`); `channelName` gives a channel's display name. */
export function explain(verdict: Verdict, display: string, channelName: (id: string) => string): VerifyResultView {
  const asked = quote(display);
  switch (verdict.kind) {
    case "official": {
      const channels = [...new Set(verdict.entries.map((e) => channelName(e.channel)))];
      const handle = verdict.entries[0]!.handle;
      const elsewhere = verdict.channelGiven ? "" : ` An account with this name anywhere else is not ours.`;
      return { official: true, channel: channels.join(", "), explanation: `${handle} is an official account on ${list(channels)}.${elsewhere}` };
    }
    case "elsewhere": {
      const channel = channelName(verdict.entry.channel);
      return {
        official: false,
        channel,
        imitates: verdict.entry.handle,
        explanation: `${asked} is not an official account: our account ${verdict.entry.handle} is on ${channel} only, and this one imitates it. ${ADVICE}`,
      };
    }
    case "imitation": {
      const channel = channelName(verdict.entry.channel);
      return {
        official: false,
        channel,
        imitates: verdict.entry.handle,
        explanation: `${asked} is not an official account: it imitates our official ${channel} account ${verdict.entry.handle} (${verdict.how}). ${ADVICE}`,
      };
    }
    case "unknown":
      return { official: false, explanation: `${asked} is not one of our official accounts. ${ADVICE}` };
  }
}
