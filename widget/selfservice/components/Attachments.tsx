import type { AttachmentView } from "../../../server/protocol/index.js";
import { shown } from "../../client/bidi.js";

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
                <bdi>{shown(f.name)}</bdi>
              </a>
            ) : (
              <bdi>{shown(f.name)}</bdi>
            )}
          </li>
        );
      })}
    </ul>
  );
}
