// The page an emailed chat answer links to (`/chat/c/<token>`): the link is exchanged for credentials that open that
// one conversation, kept in memory only (never over the credentials this browser may already have). Loaded only on
// that page, so the chat's first load does not carry it.
import type { VisitorCredentials } from "../../../server/protocol/index.js";
import { STORAGE_KEYS, writeJson, type StoragePort } from "../../client/storage.js";

/** Exchanges the link's token; true when `storage` now holds the credentials for its conversation. */
export async function redeemChatLink(baseUrl: string, token: string, storage: StoragePort, fetchFn: typeof fetch): Promise<boolean> {
  try {
    const res = await fetchFn(`${baseUrl}/api/chat-links/redeem`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token }),
      referrerPolicy: "no-referrer",
    });
    if (!res.ok) return false;
    const body = (await res.json()) as Partial<VisitorCredentials>;
    if (typeof body.visitorId !== "string" || typeof body.token !== "string") return false;
    writeJson(storage, STORAGE_KEYS.visitor, { visitorId: body.visitorId, token: body.token });
    return true;
  } catch {
    return false;
  }
}
