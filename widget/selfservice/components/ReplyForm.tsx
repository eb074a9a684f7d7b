import { useState } from "preact/hooks";
import type { TicketThreadView } from "../../../server/protocol/index.js";
import { useSelfService } from "../context.js";
import { filesError } from "../validation.js";
import { SubmitRow } from "./Alert.js";
import { Field } from "./Field.js";
import { FileField } from "./FileField.js";
import { limitsOf } from "./limits.js";
import { useApiForm } from "./use-api-form.js";

const FIELDS = ["text", "files"] as const;

/** The customer's reply on their ticket thread: text and attachments → the updated thread. */
export function ReplyForm({ token, onSent }: { token: string; onSent(thread: TicketThreadView): void }) {
  const { t, api, config } = useSelfService();
  const d = t.value;
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [round, setRound] = useState(0);
  const check = () => ({ text: text.trim() ? "" : d.fieldRequired, files: filesError(d, files, limitsOf(config.value), "imagesAndPdf") });
  const { busy, errors, alert, form, submit } = useApiForm(d, FIELDS, { text, files }, check);
  const send = (event: Event) => {
    event.preventDefault();
    const body = new FormData();
    body.append("text", text);
    for (const file of files) body.append("files", file);
    void submit(() => api.reply(token, body), (thread) => {
      setText("");
      setFiles([]);
      setRound(round + 1);
      onSent(thread);
    });
  };
  return (
    <form ref={form} class="selfservice__form" noValidate onSubmit={send}>
      <Field id="reply-text" label={d.reply} error={errors.text}>
        {(aria) => <textarea {...aria} required rows={4} maxLength={10_000} dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      <FileField id="reply-files" kinds="imagesAndPdf" files={files} onChange={setFiles} error={errors.files} resetKey={round} />
      <SubmitRow alert={alert} busy={busy} label={d.sendReply} busyLabel={d.sending} />
    </form>
  );
}
