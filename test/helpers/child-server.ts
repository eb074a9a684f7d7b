// The built server (dist/server/index.js) as a child process, for tests that kill or stop it and start it again on
// the same DATA_DIR and port (the same module the benchmarks use: bench/server-process.ts); and the customer's outbox
// rule (send until acknowledged, same id).
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { startServer } from "../../bench/server-process.js";
import type { VisitorSocket } from "./clients.js";

export { exitOf, freePort } from "../../bench/server-process.js";

/** Starts the server (with `nodeArgs` before the entry, e.g. `--import`), pushed onto `children`; resolves once it listens. */
export function startChild(port: number, dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = [], children: ChildProcess[] = []): Promise<ChildProcess> {
  return startServer(port, dataDir, { env, nodeArgs, children });
}

/**
 * Child servers for a test file: pass `children` to startChild, `track` the client sockets, take a fresh DATA_DIR from
 * `newDataDir`. After each test the sockets disconnect, every child still running is killed and the DATA_DIRs deleted.
 */
export function useChildServers(): { children: ChildProcess[]; track<T extends { disconnect(): unknown }>(socket: T): T; newDataDir(prefix: string): Promise<string> } {
  const children: ChildProcess[] = [];
  const sockets: { disconnect(): unknown }[] = [];
  const dataDirs: string[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return {
    children,
    track(socket) {
      sockets.push(socket);
      return socket;
    },
    async newDataDir(prefix) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      dataDirs.push(dir);
      return dir;
    },
  };
}

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
