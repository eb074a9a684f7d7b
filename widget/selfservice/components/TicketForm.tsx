import { useEffect, useRef, useState } from "preact/hooks";
import { format } from "../../app/i18n/index.js";
import { useSelfService } from "../context.js";
import { filesError, validateTicket } from "../validation.js";
import { SubmitRow } from "./Alert.js";
import { Field } from "./Field.js";
import { FileField } from "./FileField.js";
import { limitsOf } from "./limits.js";
import { useApiForm } from "./use-api-form.js";

/** A waiting chat the ticket takes over: the server attaches its transcript and closes it. */
export interface ChatLink {
  conversationId: string;
  visitorId: string;
  visitorToken: string;
}

interface Props {
  /** Prefix of element ids (the widget and a page may show more than one form). */
  id?: string;
  initial?: { email: string; description: string };
  chat?: ChatLink | null;
  onCreated?(number: number): void;
}

const FIELDS = ["email", "category", "subject", "description", "files"] as const;

/** "Leave us a message": email, category, subject, description, attachments → "Ticket #1042 created". */
export function TicketForm({ id = "ticket", initial, chat, onCreated }: Props) {
  const { t, api, config, language, loadConfig } = useSelfService();
  const d = t.value;
  const [email, setEmail] = useState(initial?.email ?? "");
  const [category, setCategory] = useState("");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [files, setFiles] = useState<File[]>([]);
  const [created, setCreated] = useState<number | null>(null);
  const done = useRef<HTMLParagraphElement>(null);
  const cfg = config.value;
  const categories = cfg?.categories ?? [];
  const check = () => ({ ...validateTicket(d, { email, category, subject, description }, categories.length > 0), files: filesError(d, files, limitsOf(cfg), "imagesAndPdf") });
  const { busy, errors, alert, form, submit } = useApiForm(d, FIELDS, { email, category, subject, description, files }, check);
  useEffect(loadConfig, []);
  useEffect(() => {
    if (created !== null) done.current?.focus();
  }, [created]);

  const send = (event: Event) => {
    event.preventDefault();
    const body = new FormData();
    const fields = { email: email.trim(), category, subject: subject.trim(), description, language: language.value, ...chat };
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    for (const file of files) body.append("files", file);
    void submit(() => api.createTicket(body), (r) => {
      setCreated(r.number);
      onCreated?.(r.number);
    });
  };

  return (
    <div class="selfservice">
      <div role="status" class="selfservice__status">
        {created !== null && (
          <div class="success">
            <p class="success__title" ref={done} tabIndex={-1}>
              {format(d.ticketCreated, { number: created })}
            </p>
            <p>{d.ticketEmailed}</p>
          </div>
        )}
      </div>
      {created === null && (
        <form ref={form} class="selfservice__form" noValidate onSubmit={send}>
          <h2 class="selfservice__title">{d.ticketTitle}</h2>
          <p class="hint">{chat ? d.transcriptAttached : d.leaveMessageHint}</p>
          <Field id={`${id}-email`} label={d.email} error={errors.email}>
            {(aria) => <input {...aria} type="email" autocomplete="email" required maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
          </Field>
          {categories.length > 0 && (
            <Field id={`${id}-category`} label={d.category} error={errors.category}>
              {(aria) => (
                <select {...aria} required value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
                  <option value="">{d.chooseCategory}</option>
                  {categories.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field id={`${id}-subject`} label={d.subject} error={errors.subject}>
            {(aria) => <input {...aria} required maxLength={200} dir="auto" value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />}
          </Field>
          <Field id={`${id}-description`} label={d.description} error={errors.description}>
            {(aria) => <textarea {...aria} required rows={5} maxLength={10_000} dir="auto" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />}
          </Field>
          <FileField id={`${id}-files`} kinds="imagesAndPdf" files={files} onChange={setFiles} error={errors.files} />
          <SubmitRow alert={alert} busy={busy} label={d.submit} busyLabel={d.sending} />
        </form>
      )}
    </div>
  );
}
