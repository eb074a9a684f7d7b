// Files in chat, over HTTP with the visitor's credentials (docs/protocol.md "Files in chat"): an upload with progress,
// and downloads turned into blob: URLs (an <img> or a link cannot send the credentials headers). Loaded on first use.
import type { AttachmentView } from "../../../server/protocol/index.js";
import type { ClientErrorCode, FileAccess } from "../../client/types.js";

export type UploadResult = { ok: true; file: AttachmentView } | { ok: false; code: ClientErrorCode };

/** Uploads one file to the open conversation; `progress` gets the fraction sent (0–1). Never rejects. */
export function uploadFile(access: FileAccess, file: File, progress: (fraction: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    if (!access.uploadUrl) return resolve({ ok: false, code: "conversation_closed" });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", access.uploadUrl);
    for (const [name, value] of Object.entries(access.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { id?: unknown; error?: unknown } | null;
      try {
        body = JSON.parse(xhr.responseText) as { id?: unknown; error?: unknown } | null;
      } catch {
        body = null;
      }
      if (xhr.status === 201 && typeof body?.id === "string") resolve({ ok: true, file: body as AttachmentView });
      else resolve({ ok: false, code: typeof body?.error === "string" ? (body.error as ClientErrorCode) : "internal" });
    };
    xhr.onerror = () => resolve({ ok: false, code: "offline" });
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

const blobs = new Map<string, Promise<string>>();

/** A blob: URL of a conversation's file, fetched once per page with the visitor's credentials. */
export function blobUrl(access: FileAccess, url: string): Promise<string> {
  let found = blobs.get(url);
  if (!found) {
    found = fetch(`${access.baseUrl}${url}`, { headers: access.headers }).then(async (res) => {
      if (!res.ok) throw new Error(`file: ${res.status}`);
      return URL.createObjectURL(await res.blob());
    });
    // A failed fetch is tried again next time.
    found.catch(() => blobs.delete(url));
    blobs.set(url, found);
  }
  return found;
}
