// Sending a file: upload it (its code loads on first use), then send a message that carries it. One at a time.
import { signal, type ReadonlySignal } from "@preact/signals";
import type { ChatClient, ClientErrorCode } from "../../client/types.js";

export interface UploadState {
  name: string;
  /** 0–1 while uploading. */
  progress: number;
  /** Why it failed (the upload stays shown until the next one). */
  error: ClientErrorCode | null;
}

export function createUploads(client: ChatClient) {
  const upload = signal<UploadState | null>(null);
  return {
    upload: upload as ReadonlySignal<UploadState | null>,
    async attach(file: File): Promise<void> {
      if (upload.value && !upload.value.error) return;
      upload.value = { name: file.name, progress: 0, error: null };
      const access = client.fileAccess();
      const { uploadFile } = await import("../files/transfer.js");
      const result = access ? await uploadFile(access, file, (progress) => (upload.value = { name: file.name, progress, error: null })) : ({ ok: false, code: "unauthorized" } as const);
      if (!result.ok) return void (upload.value = { name: file.name, progress: 0, error: result.code });
      const sent = client.send("", [result.file]);
      upload.value = sent.ok ? null : { name: file.name, progress: 0, error: sent.error.code };
    },
    fileAccess: () => client.fileAccess(),
  };
}
