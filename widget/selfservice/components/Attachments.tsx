import type { AttachmentView } from "../../../server/protocol/index.js";

/** A same-origin path for an attachment, or null (anything else, e.g. `javascript:`, is not linked). */
export function attachmentHref(url: string): string | null {
  return /^\/(?!\/)/.test(url) ? url : null;
}

/** The files of a message, as links by name. */
export function Attachments({ files }: { files: readonly AttachmentView[] }) {
  if (files.length === 0) return null;
  return (
    <ul class="attachments">
      {files.map((f) => {
        const href = attachmentHref(f.url);
        return (
          <li key={f.id}>
            {href ? (
              <a href={href} download={f.name} dir="auto">
                {f.name}
              </a>
            ) : (
              <span dir="auto">{f.name}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
