// The reply form of the open ticket: text and files, sent as one multipart request and emailed to the customer.
import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { formatBytes } from "../model/ticket-rules.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf";

/** "Reply" textarea, "Attachments" file input and "Send reply"; cleared once the server has the reply. */
export function TicketReplyForm() {
  const { tickets, settings } = useConsole();
  const { busy, replyError } = tickets.detail;
  const text = useSignal("");
  const files = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const { maxFiles, maxFileBytes } = settings.value;
  const limits = Number.isFinite(maxFiles) && Number.isFinite(maxFileBytes) ? `Up to ${maxFiles} files of ${formatBytes(maxFileBytes)} each: ` : "";

  async function submit(event: Event) {
    event.preventDefault();
    const chosen = [...(files.current?.files ?? [])];
    if (await tickets.actions.reply(text.value, chosen)) {
      text.value = "";
      if (files.current) files.current.value = "";
      box.current?.focus();
    }
  }

  return (
    <form class="composer ticket-reply" onSubmit={submit} aria-busy={busy.value}>
      <ServerErrorBox error={replyError.value} />
      <label for="ticket-reply-text">Reply</label>
      <textarea ref={box} id="ticket-reply-text" rows={3} dir="auto" value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
      <div class="composer-row ticket-reply-row">
        <div class="file-field">
          <label for="ticket-reply-files">Attachments</label>
          <input id="ticket-reply-files" ref={files} type="file" multiple accept={ACCEPT} aria-describedby="ticket-reply-files-hint" />
          <p id="ticket-reply-files-hint" class="hint">
            {limits}images (PNG, JPEG, GIF, WebP) or PDF. The customer gets the reply by email.
          </p>
        </div>
        <button type="submit" class="primary" aria-disabled={busy.value}>
          {busy.value ? "Sending…" : "Send reply"}
        </button>
      </div>
    </form>
  );
}
