// The page an emailed chat answer links to (`/chat/c/<token>`): the link is exchanged for credentials that open that
// one conversation. Loaded only on that page, so the chat's first load does not carry it.
import type { VisitorCredentials } from "../../../server/protocol/index.js";

/** The credentials of the link's conversation; an expired, forged or unreachable link says so on the page and stops it. */
export async function redeemChatLink(baseUrl: string, token: string, fetchFn: typeof fetch): Promise<VisitorCredentials> {
  const linked = await exchange(baseUrl, token, fetchFn);
  if (linked) return linked;
  document.getElementById("app")!.textContent = "This link has expired or is not valid. Open the chat on our website to write to us again.";
  throw new Error("chat link not valid");
}

async function exchange(baseUrl: string, token: string, fetchFn: typeof fetch): Promise<VisitorCredentials | null> {
  try {
    const res = await fetchFn(`${baseUrl}/api/chat-links/redeem`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token }),
      referrerPolicy: "no-referrer",
    });
    const body = (res.ok ? await res.json() : {}) as Partial<VisitorCredentials>;
    return typeof body.visitorId === "string" && typeof body.token === "string" ? { visitorId: body.visitorId, token: body.token } : null;
  } catch {
    return null;
  }
}
