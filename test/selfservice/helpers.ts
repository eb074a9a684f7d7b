// Helpers for self-service tests: multipart requests, raw streaming uploads, a real SMTP server, waiting.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface UploadFile {
  name: string;
  data: Buffer;
  /** Declared type (never trusted by the server). */
  type?: string;
  field?: string;
}

/** A multipart/form-data body with the CSRF header, as the pages send it. */
export function form(fields: Record<string, string>, files: UploadFile[] = [], fileField = "files"): { body: FormData; headers: Record<string, string> } {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const f of files) body.append(f.field ?? fileField, new Blob([new Uint8Array(f.data)], { type: f.type ?? "application/octet-stream" }), f.name);
  return { body, headers: { "x-parley-request": "1" } };
}

/** POSTs a multipart form (with extra headers, e.g. a session cookie). */
export async function postForm(url: string, fields: Record<string, string>, files: UploadFile[] = [], extra: Record<string, string> = {}, fileField = "files") {
  const { body, headers } = form(fields, files, fileField);
  return fetch(url, { method: "POST", body, headers: { ...headers, ...extra } });
}

/** POSTs JSON. */
export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** Every file below `dir` (relative paths), [] when it does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
  } catch {
    return [];
  }
}

/** Polls `check` until it returns a truthy value (no fixed sleeps); rejects after `ms`. */
export async function waitFor<T>(check: () => T | Promise<T>, ms = 10_000, what = "a condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** An email as the SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string[]>;
  /** The text body, decoded. */
  text: string;
}

/** Decodes a quoted-printable body. */
function quotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(joined[i]!, "utf8"));
  }
  return Buffer.from(out).toString("utf8");
}

/** Splits a raw message into unfolded headers (lower-case names) and its decoded text body. */
export function parseMail(raw: string): { headers: Map<string, string[]>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string[]>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const encoding = headers.get("content-transfer-encoding")?.[0]?.toLowerCase();
  const text = encoding === "quoted-printable" ? quotedPrintable(body) : encoding === "base64" ? Buffer.from(body, "base64").toString("utf8") : body;
  return { headers, text: text.replace(/\r\n/g, "\n") };
}

export interface TestSmtp {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** While > 0, each delivery is refused with a temporary error (451) and this counts down. */
  refuseNext: number;
  /** Every RCPT TO the server was asked for, refused or not. */
  attempts: number;
  /** How long the server takes to accept each email after receiving it (default 0). */
  delayMs: number;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps what it receives. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const state: TestSmtp = { url: "", port: 0, mails: [], refuseNext: 0, attempts: 0, delayMs: 0, close: async () => {} };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      state.attempts++;
      if (state.refuseNext > 0) {
        state.refuseNext--;
        const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const accept = () => {
          state.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            ...parseMail(raw),
          });
          callback();
        };
        if (state.delayMs > 0) setTimeout(accept, state.delayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** A raw multipart upload over node:http that the test writes piece by piece (to exceed limits or abort). */
export function rawUpload(url: string, headers: Record<string, string> = {}) {
  const boundary = `----parleytest${Date.now()}`;
  const target = new URL(url);
  const req: ClientRequest = httpRequest({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "x-parley-request": "1", "transfer-encoding": "chunked", ...headers },
  });
  const response = new Promise<{ status: number; body: string; res: IncomingMessage }>((resolve, reject) => {
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, res }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  // Writes after the server answered may fail (it closed the connection); that is expected.
  req.on("error", () => {});
  response.catch(() => {});
  const settled = response.then(() => {}, () => {});
  return {
    req,
    response,
    field: (name: string, value: string) => req.write(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    /** Starts a file part; `disposition` replaces the filename parameter (e.g. an RFC 5987 filename*). */
    fileStart: (field: string, filename: string, type = "image/png", disposition = `filename="${filename}"`) =>
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; ${disposition}\r\nContent-Type: ${type}\r\n\r\n`),
    /** Writes the closing boundary and ends the request. */
    end: () => req.end(`\r\n--${boundary}--\r\n`),
    /** Resolves once written (or once the server answered: it may have stopped reading). */
    write: (data: Buffer) =>
      new Promise<void>((resolve) => {
        if (req.write(data)) return resolve();
        req.once("drain", () => resolve());
        void settled.then(() => resolve());
      }),
  };
}
