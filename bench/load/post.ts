// A JSON POST from a chosen loopback source address (fetch cannot choose one without an extra package).
import { request } from "node:http";

export interface PostAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** POSTs `body` as JSON to `url` from `localAddress`; a fresh connection each time (`agent: false`). */
export function postJson(url: string, body: unknown, localAddress: string): Promise<PostAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      localAddress,
      agent: false,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      timeout: 30_000,
    });
    req.on("timeout", () => req.destroy(new Error(`POST ${url} timed out`)));
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("error", reject);
      res.on("end", () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.end(payload);
  });
}
