// A message's files: images as thumbnails, other files (PDF) as download links; names always rendered as text.
import type { AttachmentView } from "../../../server/protocol/index.js";
import { useEffect, useState } from "preact/hooks";
import { useModel } from "../model/context.js";
import { blobUrl } from "./transfer.js";
import { shown } from "../../client/bidi.js";

// Styles live here rather than in chat.css: they load with the first file, not with the chat.
const LIST_STYLE = { listStyle: "none", margin: "4px 0 0", padding: "0", display: "flex", flexDirection: "column", gap: "4px" };
const IMAGE_STYLE = { display: "block", maxWidth: "100%", maxHeight: "180px", borderRadius: "6px" };
const NAME_STYLE = { overflowWrap: "anywhere" };

function Thumbnail({ file }: { file: AttachmentView }) {
  const { actions } = useModel();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    const access = actions.fileAccess();
    let live = true;
    if (access) void blobUrl(access, file.url).then((url) => live && setSrc(url), () => {});
    return () => void (live = false);
  }, [file.url]);
  return src ? <img class="files__img" style={IMAGE_STYLE} src={src} alt={shown(file.name)} /> : <bdi class="files__name" style={NAME_STYLE}>{shown(file.name)}</bdi>;
}

function Download({ file }: { file: AttachmentView }) {
  const { actions } = useModel();
  const open = async (event: Event) => {
    event.preventDefault();
    const access = actions.fileAccess();
    if (!access) return;
    const link = document.createElement("a");
    link.href = await blobUrl(access, file.url);
    link.download = file.name;
    link.click();
  };
  return (
    <a class="files__link" style={NAME_STYLE} href={file.url} download={file.name} onClick={(e) => void open(e)}>
      <bdi>{shown(file.name)}</bdi>
    </a>
  );
}

export function Attachments({ files }: { files: readonly AttachmentView[] }) {
  return (
    <ul class="files" style={LIST_STYLE}>
      {files.map((file) => (
        <li key={file.id}>{file.type.startsWith("image/") ? <Thumbnail file={file} /> : <Download file={file} />}</li>
      ))}
    </ul>
  );
}
