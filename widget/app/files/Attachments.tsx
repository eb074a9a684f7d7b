// A message's files: images as thumbnails, other files (PDF) as download links; names always rendered as text.
import type { AttachmentView } from "../../../server/protocol/index.js";
import { useEffect, useState } from "preact/hooks";
import { useModel } from "../model/context.js";
import { blobUrl } from "./transfer.js";
import { shown } from "../../client/bidi.js";

function Thumbnail({ file }: { file: AttachmentView }) {
  const { actions } = useModel();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    const access = actions.fileAccess();
    let live = true;
    if (access) void blobUrl(access, file.url).then((url) => live && setSrc(url), () => {});
    return () => void (live = false);
  }, [file.url]);
  return src ? <img class="files__img" src={src} alt={shown(file.name)} /> : <bdi class="files__name">{shown(file.name)}</bdi>;
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
    <a class="files__link" href={file.url} download={file.name} onClick={(e) => void open(e)}>
      <bdi>{shown(file.name)}</bdi>
    </a>
  );
}

export function Attachments({ files }: { files: readonly AttachmentView[] }) {
  return (
    <ul class="files">
      {files.map((file) => (
        <li key={file.id}>{file.type.startsWith("image/") ? <Thumbnail file={file} /> : <Download file={file} />}</li>
      ))}
    </ul>
  );
}
