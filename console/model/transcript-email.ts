// "Email transcript": asks the server to email the open chat's transcript to the customer (never internal notes;
// the server decides what goes out, see POST /api/agent/conversations/:id/transcript-email).
import { signal, type ReadonlySignal } from "@preact/signals";
import type { ConversationId } from "../../server/protocol/index.js";
import { isRecord, serverError } from "./http-port.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** The transcript emails as components read them, and the action. */
export interface TranscriptEmail {
  /** Conversations whose request is on its way (their button is busy). */
  sending: ReadonlySignal<ReadonlySet<ConversationId>>;
  /** Asks for the email; resolves true once the server queued it (a notice says where it goes, or why not). */
  send(id: ConversationId): Promise<boolean>;
}

const WHY_NOT: Readonly<Record<string, string>> = {
  no_email: "the customer left no email address",
  not_found: "this chat is no longer available to you",
  rate_limited: "it was sent too often just now; try again later",
};

/** Creates the "Email transcript" action. */
export function createTranscriptEmail(ctx: SelfServiceContext): TranscriptEmail {
  const sending = signal<ReadonlySet<ConversationId>>(new Set());
  const mark = (id: ConversationId, busy: boolean) => {
    const next = new Set(sending.value);
    if (busy) next.add(id);
    else next.delete(id);
    sending.value = next;
  };
  return {
    sending,
    async send(id) {
      if (sending.value.has(id)) return false;
      mark(id, true);
      const reply = await ctx.call({ method: "POST", path: `/api/agent/conversations/${encodeURIComponent(id)}/transcript-email`, json: {} });
      mark(id, false);
      if (reply.ok) {
        const to = isRecord(reply.data) && typeof reply.data.to === "string" ? reply.data.to : "the customer";
        ctx.notify(`Transcript emailed to ${to}.`);
        return true;
      }
      if (reply.status === 401) return false;
      ctx.notify(`Could not email the transcript: ${(WHY_NOT[reply.error] ?? serverError(reply).message).replace(/\.$/, "")}.`, "error");
      return false;
    },
  };
}
