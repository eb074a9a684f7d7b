// Files of a ticket message or a feedback item: images as small thumbnails linking to the file, anything
// else as a download link. Names are text; URLs are used only when they are paths on this server.
import type { AttachmentView } from "../../server/protocol/index.js";
import { shown, sameOriginPath } from "../format.js";
import { formatBytes } from "../model/ticket-rules.js";

const THUMBNAIL_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** The list of attachments; nothing when there are none. */
export function AttachmentList({ files, label }: { files: readonly AttachmentView[]; label: string }) {
  if (files.length === 0) return null;
  return (
    <ul class="attachments" aria-label={label}>
      {files.map((file) => {
        const href = sameOriginPath(file.url);
        const name = <bdi class="attachment-name">{shown(file.name)}</bdi>;
        const size = <span class="attachment-size">{formatBytes(file.size)}</span>;
        if (!href) return <li key={file.id}>{name} {size}</li>;
        const image = THUMBNAIL_TYPES.has(file.type);
        return (
          <li key={file.id}>
            <a href={href} class="attachment" target={image ? "_blank" : undefined} rel={image ? "noopener noreferrer" : undefined} download={image ? undefined : file.name}>
              {image && <img class="thumbnail" src={href} alt="" loading="lazy" />}
              {name} {size}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
