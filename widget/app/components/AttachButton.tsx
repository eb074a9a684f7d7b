import { useRef } from "preact/hooks";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { shown } from "../../client/bidi.js";

/** What the server takes (it decides by the bytes; this only filters the picker). */
const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf";

/** The paperclip beside the message box, and the upload's progress or error. */
export function AttachButton() {
  const { t, upload, actions } = useModel();
  const input = useRef<HTMLInputElement>(null);
  const d = t.value;
  const current = upload.value;
  const picked = () => {
    const file = input.current?.files?.[0];
    if (file) void actions.attach(file);
    if (input.current) input.current.value = "";
  };
  return (
    <>
      <input ref={input} type="file" accept={ACCEPT} hidden tabIndex={-1} onChange={picked} />
      <button type="button" class="attach" aria-label={d.attach} title={d.attach} disabled={!!current && !current.error} onClick={() => input.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M16.5 6.5 8 15a2 2 0 0 0 2.8 2.8l8.5-8.5a4 4 0 0 0-5.6-5.6L5 12.4a6 6 0 0 0 8.5 8.5l6-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      {current && !current.error && (
        <p class="upload" role="status">
          <bdi>{shown(current.name)}</bdi> <progress value={current.progress} max={1} aria-label={d.uploading} />
        </p>
      )}
      {current?.error && (
        <p class="error" role="alert">
          <bdi>{shown(current.name)}</bdi>: {errorText(d, current.error)}
        </p>
      )}
    </>
  );
}
