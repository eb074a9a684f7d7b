// The built server (dist/server/index.js) as a child process, for tests that kill or stop it and start it again on
// the same DATA_DIR and port; and the customer's outbox rule (send until acknowledged, same id).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import type { VisitorSocket } from "./clients.js";

const entry = join(process.cwd(), "dist/server/index.js");

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the server (with `nodeArgs` before the entry, e.g. `--import`); resolves once it listens. */
export function startChild(port: number, dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = [], children: ChildProcess[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("Parley is listening")) resolve(child);
    });
    child.on("exit", (code, signal) => reject(new Error(`server exited with ${code ?? signal}`)));
  });
}

/** Resolves with the signal the child died of (null for a normal exit) once it has exited. */
export const exitOf = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

/** Sends until acknowledged (the outbox rule): timeouts, dropped connections and retryable errors are retried with the same id. */
export async function sendUntilAcked(socket: VisitorSocket, payload: { conversationId: string; id: string; text: string }): Promise<number> {
  for (;;) {
    try {
      if (!socket.connected) await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      const reply = await socket.timeout(1500).emitWithAck("message:send", payload);
      if (reply.ok) return reply.data.seq;
      if (reply.error !== "storage_unavailable" && reply.error !== "rate_limited" && reply.error !== "internal") throw new Error(reply.error);
    } catch (err) {
      // No answer (timed out, or the connection dropped mid-send): the outcome is unknown, so send again.
      if (!/timed out|disconnected/.test((err as Error).message)) throw err;
    }
  }
}
