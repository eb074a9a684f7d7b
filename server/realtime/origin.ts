// CORS does not cover WebSocket upgrades, so the handshake checks Origin itself (stops cross-site WebSocket
// hijacking of an agent's cookie). Browsers always send Origin; non-browser clients (apps, tests) send none.
import type { IncomingMessage } from "node:http";

export function allowOrigin(publicUrl: string) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const origin = req.headers.origin;
    if (!origin || origin === publicUrl) return callback(null, true);
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    // Same origin as the request itself (the chat iframe and the console are served from here).
    callback(null, host !== null && host === req.headers.host);
  };
}
