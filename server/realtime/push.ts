// The push hook (PUSH_WEBHOOK_URL): when an agent answers (or the chat ends) while the customer has no socket open — an
// app in the background — Parley POSTs the devices the app registered (`device:register`) and a short preview to the
// site's own push service, which sends the APNs / FCM / Web Push notification. Best effort: one attempt and one retry.
import { createHmac } from "node:crypto";
import type { Logger } from "pino";
import type { DeskEffect } from "../desk/effects.js";
import type { Store } from "../store/port.js";

export interface PushHookOptions {
  url: string | null;
  /** Signs each body: `X-Parley-Signature: sha256=<hex HMAC of the body>`. */
  secret: string | null;
  store: Store;
  /** True when the visitor has no socket open now. */
  isAway(visitorId: string): boolean;
  logger: Logger;
  fetch?: typeof fetch;
}

/** What the site's push service receives. */
export interface PushPayload {
  visitorId: string;
  conversationId: string;
  seq: number;
  author: "agent" | "system";
  authorName: string | null;
  /** The first 140 characters of the message (system lines: their English text). */
  preview: string;
  devices: Array<{ platform: string; token: string }>;
}

export function createPushHook(options: PushHookOptions): (effects: readonly DeskEffect[]) => void {
  const { url, secret, store, logger } = options;
  const send = options.fetch ?? globalThis.fetch.bind(globalThis);
  async function notify(payload: PushPayload) {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (secret) headers["X-Parley-Signature"] = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const res = await send(url!, { method: "POST", headers, body, signal: AbortSignal.timeout(5000) });
        if (res.ok) return;
        logger.warn({ status: res.status, conversationId: payload.conversationId }, "push hook answered an error");
      } catch (err) {
        logger.warn({ err: (err as Error).name, conversationId: payload.conversationId }, "push hook unreachable");
      }
    }
  }
  return (effects) => {
    if (!url) return;
    for (const effect of effects) {
      if (effect.type !== "message.created" || effect.message.author === "visitor" || !options.isAway(effect.to.visitorId)) continue;
      const { message } = effect;
      void store.visitors.get(effect.to.visitorId).then((visitor) => {
        const devices = visitor?.pushDevices ?? [];
        if (devices.length === 0) return;
        return notify({
          visitorId: effect.to.visitorId,
          conversationId: message.conversationId,
          seq: message.seq,
          author: message.author as "agent" | "system",
          authorName: message.authorName ?? null,
          preview: [...message.text].slice(0, 140).join(""),
          devices: devices.map((d) => ({ platform: d.platform, token: d.token })),
        });
      }).catch((err) => logger.error({ err }, "push hook failed"));
    }
  };
}
