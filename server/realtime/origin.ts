// CORS does not cover WebSocket upgrades, so the handshake checks Origin itself (stops cross-site WebSocket
// hijacking of an agent's cookie). Browsers always send Origin; non-browser clients (apps, tests) send none.
// Only the configured origin counts: the console and the chat iframe are served from PUBLIC_URL, and the host
// pages that embed the widget never connect themselves. The Host header is never trusted (with DNS rebinding an
// attacker's page sends Host and Origin of its own choosing).
import type { IncomingMessage } from "node:http";

/** An engine.io `allowRequest` that accepts no Origin or one of `origins` (exact `scheme://host[:port]`). */
export function allowOrigin(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const origin = req.headers.origin;
    callback(null, origin === undefined || allowed.has(origin));
  };
}
