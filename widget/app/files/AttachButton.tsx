// The paperclip beside the message box: picks a file, uploads it with progress, then sends it in a message of its own.
// Loaded after the composer (not part of the chat's first download).
import { useRef, useState } from "preact/hooks";
import type { ClientErrorCode } from "../../client/types.js";
import { useModel } from "../model/context.js";
import { shown } from "../../client/bidi.js";
import { fileErrorText } from "./texts.js";
import { uploadFile } from "./transfer.js";

/** What the server takes (it decides by the bytes; this only filters the picker). */
const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf";

// Styles live here rather than in chat.css, so they load with the paperclip, not with the chat (set through the DOM,
// which the pages' CSP allows).
const ATTACH_STYLE = { alignSelf: "flex-end", padding: "8px", minWidth: "40px", minHeight: "40px", background: "none", border: "1px solid var(--line)", borderRadius: "8px", color: "inherit", cursor: "pointer" };
const LINE_STYLE = { flexBasis: "100%", margin: "0" };

/** The upload in progress, or the last one that failed (shown until the next one). */
interface Upload {
  name: string;
  /** 0–1. */
  progress: number;
  error: ClientErrorCode | null;
}

/** The paperclip, and the upload's progress or error. */
export function AttachButton() {
  const { t, language, actions } = useModel();
  const input = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState<Upload | null>(null);
  const d = t.value;
  const send = async (file: File) => {
    const access = actions.fileAccess();
    setCurrent({ name: file.name, progress: 0, error: null });
    const result = access ? await uploadFile(access, file, (progress) => setCurrent({ name: file.name, progress, error: null })) : ({ ok: false, code: "unauthorized" } as const);
    const sent = result.ok ? actions.sendFiles([result.file]) : { ok: false as const, error: { code: result.code } };
    setCurrent(sent.ok ? null : { name: file.name, progress: 0, error: sent.error.code });
  };
  const picked = () => {
    const file = input.current?.files?.[0];
    if (file && !(current && !current.error)) void send(file);
    if (input.current) input.current.value = "";
  };
  return (
    <>
      <input ref={input} type="file" accept={ACCEPT} hidden tabIndex={-1} onChange={picked} />
      <button type="button" class="attach" style={ATTACH_STYLE} aria-label={d.attach} title={d.attach} disabled={!!current && !current.error} onClick={() => input.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M16.5 6.5 8 15a2 2 0 0 0 2.8 2.8l8.5-8.5a4 4 0 0 0-5.6-5.6L5 12.4a6 6 0 0 0 8.5 8.5l6-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      {current && !current.error && (
        <p class="upload" style={LINE_STYLE} role="status">
          <bdi>{shown(current.name)}</bdi> <progress value={current.progress} max={1} aria-label={d.uploading} />
        </p>
      )}
      {current?.error && (
        <p class="error" style={LINE_STYLE} role="alert">
          <bdi>{shown(current.name)}</bdi>: {fileErrorText(language.value, current.error) ?? actions.errorText(current.error)}
        </p>
      )}
    </>
  );
}
