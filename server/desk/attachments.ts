// Files a chat message carries: each one uploaded to the same conversation by the message's sender
// (`POST /api/conversations/:id/files`), at most ATTACHMENT_MAX_FILES per message.
import type { AckError } from "../protocol/ack.js";
import type { ConversationId } from "../protocol/ids.js";
import type { AttachmentView } from "../protocol/selfservice.js";
import type { ChatFileRecord, Store } from "../store/port.js";
import { fail } from "./result.js";

/** Where a chat file is downloaded from (with the conversation's credentials). */
export const chatFileUrl = (conversationId: ConversationId, fileId: string) => `/api/conversations/${conversationId}/files/${fileId}`;

/** A chat file as clients see it. */
export const chatFileView = (f: ChatFileRecord): AttachmentView => ({ id: f.id, name: f.name, type: f.type, size: f.size, url: chatFileUrl(f.conversationId, f.id) });

/** Who sends: only the uploader of a file may send it. */
export type Sender = ChatFileRecord["uploader"];

const sameUploader = (a: Sender, b: Sender) =>
  a.kind === "visitor" ? b.kind === "visitor" && b.visitorId === a.visitorId : b.kind === "agent" && b.agentId === a.agentId;

/**
 * The views of the files `ids` names, or why the message is refused (`invalid_payload` with an issue per bad id,
 * indistinguishable for files that do not exist and files of others).
 */
export function resolveAttachments(
  store: Store,
  conversationId: ConversationId,
  sender: Sender,
  ids: string[] | undefined,
  maxFiles: number,
): Promise<Resolved> {
  // Most messages carry no file: answered without the lookup's sets, arrays and async frame (allocated per message).
  if (ids === undefined || ids.length === 0) return Promise.resolve({ ok: true, attachments: [] });
  return resolveNamed(store, conversationId, sender, ids, maxFiles);
}

type Resolved = { ok: true; attachments: AttachmentView[] } | { ok: false; ack: AckError };

async function resolveNamed(store: Store, conversationId: ConversationId, sender: Sender, ids: string[], maxFiles: number): Promise<Resolved> {
  const unique = [...new Set(ids)];
  if (unique.length > maxFiles) return { ok: false, ack: fail("invalid_payload", `At most ${maxFiles} files per message`, [{ path: "attachments", message: `at most ${maxFiles} files` }]) };
  const attachments: AttachmentView[] = [];
  const issues = [];
  for (const [i, id] of unique.entries()) {
    const file = await store.chatFiles.get(id);
    if (!file || file.conversationId !== conversationId || !sameUploader(sender, file.uploader)) issues.push({ path: `attachments.${i}`, message: "no such file uploaded by you to this conversation" });
    else attachments.push(chatFileView(file));
  }
  if (issues.length > 0) return { ok: false, ack: fail("invalid_payload", "The message names a file that was not uploaded to this conversation by its sender", issues) };
  return { ok: true, attachments };
}
