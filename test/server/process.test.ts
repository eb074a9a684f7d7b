// The built server as a process: start-up, health, refusing a shared or corrupt DATA_DIR, bad config, SIGTERM.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { connect, createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useChildServers } from "../helpers/child-server.js";

const entry = join(process.cwd(), "dist/server/index.js");
let dataDir: string;
const processes = useChildServers();

beforeAll(() => {
  if (!existsSync(entry)) throw new Error("dist/server/index.js is missing: run `npm test` (it builds first) or `npm run build`");
});
beforeEach(async () => {
  dataDir = await processes.newDataDir("parley-proc-");
});

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  processes.children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const match = /"port":(\d+)[^\n]*Parley is listening|Parley is listening[^\n]*"port":(\d+)/.exec(stdout);
      if (match) resolve(Number(match[1] ?? match[2]));
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // Tests that expect an early exit never await `listening`; its rejection is expected there.
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe("the server process", () => {
  it("starts on the embedded store, answers /healthz, and stops cleanly on SIGTERM", async () => {
    const server = run({});
    const port = await server.listening;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/widget.js`);
    expect(page.status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("stops within its grace on SIGTERM although an idle connection stays open, and a new server takes the DATA_DIR", async () => {
    const server = run({ SHUTDOWN_GRACE_SECONDS: "0.5" });
    const port = await server.listening;
    // A client that connected and never sent a request (nor closed): it must not keep the server alive.
    const idle = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => idle.once("connect", () => resolve()));
    // And one that sent headers of a request that never ends.
    const slow = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => slow.once("connect", () => resolve()));
    slow.write("POST /api/visitors HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
    const idleClosed = new Promise<void>((resolve) => idle.once("close", () => resolve()));
    const slowClosed = new Promise<void>((resolve) => slow.once("close", () => resolve()));
    idle.on("error", () => undefined);
    slow.on("error", () => undefined);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await Promise.all([idleClosed, slowClosed]);
    const next = run({});
    await next.listening;
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  });

  it("refuses to start on a DATA_DIR another live server is using", async () => {
    const first = run({});
    await first.listening;
    const second = run({});
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toMatch(/another Parley server \(pid \d+\)/);
  });

  it("refuses to start on a corrupt data file and leaves it untouched", async () => {
    await writeFile(join(dataDir, "agents.json"), '{"agents": [ {"id": "a_1", "email"');
    const server = run({});
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toContain("agents.json");
    const { readFile } = await import("node:fs/promises");
    expect(await readFile(join(dataDir, "agents.json"), "utf8")).toBe('{"agents": [ {"id": "a_1", "email"');
  });

  it("names the bad variable when the configuration is wrong", async () => {
    const server = run({ PORT: "eighty" });
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toContain('PORT must be a whole number, got "eighty"');
  });

  it("says the port is in use and exits 1 when another program holds it", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    try {
      const server = run({ PORT: String((holder.address() as AddressInfo).port) });
      expect(await server.exited).toBe(1);
      expect(server.output().stderr).toMatch(/parley: cannot listen on 127\.0\.0\.1:\d+: the port is in use/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it("refuses a cluster lifetime out of bounds at start-up, naming it", async () => {
    const server = run({ CLUSTER_NODE_TTL_SECONDS: "0.2" });
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toContain('parley: configuration error: CLUSTER_NODE_TTL_SECONDS must be a number between 1 and 600, got "0.2"');
  });
});
