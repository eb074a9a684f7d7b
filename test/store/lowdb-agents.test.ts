import { spawnSync } from "node:child_process";
import * as fsp from "node:fs/promises";
import { readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FileIo } from "../../server/store/json-file.js";
import { openLowdbStore } from "../../server/store/lowdb.js";
import type { Store } from "../../server/store/port.js";
import { agent } from "./fixtures.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

const open: Store[] = [];
/** A server (lock: true) and the `parley` command (lock: false) on one directory. */
async function serverAndCommand() {
  const dir = await makeTempDir();
  const server = await openLowdbStore(dir, { lock: true });
  open.push(server);
  const command = await openLowdbStore(dir, { lock: false });
  open.push(command);
  return { dir, server, command };
}
/** A promise and the function that resolves it. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
  await removeTempDirs();
});

describe("lowdb store: agents shared with another process", () => {
  it("shows the server an agent added, changed and removed by the command, with a new version each time", async () => {
    const { server, command } = await serverAndCommand();
    await server.agents.list();
    const versions = [await server.agents.version()];

    await command.agents.put(agent());
    expect(await server.agents.getByEmail("alex@example.com")).toEqual(agent());
    versions.push(await server.agents.version());

    await command.agents.put(agent({ maxChats: 7 }));
    expect((await server.agents.get("a_alex"))?.maxChats).toBe(7);
    versions.push(await server.agents.version());

    await command.agents.remove("a_alex");
    expect(await server.agents.list()).toEqual([]);
    versions.push(await server.agents.version());
    expect(new Set(versions).size).toBe(4);
  });

  it("keeps every agent when two processes write at the same time", async () => {
    const { dir, server, command } = await serverAndCommand();
    const writes = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? server : command).agents.put(agent({ id: `a_${i}`, email: `agent${i}@example.com` })),
    );
    await Promise.all(writes);
    expect((await server.agents.list()).map((a) => a.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `a_${i}`).sort());
    expect(Object.keys(JSON.parse(await readFile(join(dir, "agents.json"), "utf8")))).toHaveLength(20);
  });

  it("keeps an agent the server wrote after taking the lock from a command paused past the lock's stale age", async () => {
    const dir = await makeTempDir();
    const server = await openLowdbStore(dir, { lock: true });
    open.push(server);
    // The command pauses right after it has read agents.json under the lock (a process stopped, or starved on a
    // loaded machine) ...
    const hasRead = signal();
    const resume = signal();
    const io: FileIo = {
      ...fsp,
      readFile: (async (...args: Parameters<typeof fsp.readFile>) => {
        // The file does not exist yet: the read fails (ENOENT, an empty table) and the command pauses all the same.
        try {
          return await fsp.readFile(...args);
        } finally {
          if (String(args[0]).endsWith("agents.json")) {
            hasRead.fire();
            await resume.fired;
          }
        }
      }) as typeof fsp.readFile,
    };
    const command = await openLowdbStore(dir, { lock: false, io });
    open.push(command);
    const paused = command.agents.put(agent({ id: "a_paused", email: "paused@example.com" }));
    await hasRead.fired;
    // ... for longer than agents.json.lock's stale age (30 s), so the server takes the lock over and writes its agent.
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, "agents.json.lock"), old, old);
    await server.agents.put(agent({ id: "a_server", email: "server@example.com" }));
    resume.fire();
    await paused;
    const ids = ["a_paused", "a_server"];
    expect((await server.agents.list()).map((a) => a.id).sort()).toEqual(ids);
    expect(Object.keys(JSON.parse(await readFile(join(dir, "agents.json"), "utf8"))).sort()).toEqual(ids);
    expect((await readdir(dir)).filter((name) => name.includes("agents.json"))).toEqual(["agents.json"]);
  });

  it("takes over an agents.json.lock left by a process that no longer runs", async () => {
    const { dir, server, command } = await serverAndCommand();
    await writeFile(join(dir, "agents.json.lock"), `${spawnSync(process.execPath, ["-e", ""]).pid}\n`);
    await command.agents.put(agent());
    expect(await server.agents.list()).toEqual([agent()]);
    await expect(readFile(join(dir, "agents.json.lock"))).rejects.toThrow(/ENOENT/);
  });

  it("sees agents.json edited by hand", async () => {
    const { dir, server } = await serverAndCommand();
    await server.agents.put(agent());
    const before = await server.agents.version();
    await writeFile(join(dir, "agents.json"), JSON.stringify({ a_alex: agent({ name: "Alexandra" }) }));
    expect((await server.agents.get("a_alex"))?.name).toBe("Alexandra");
    expect(await server.agents.version()).not.toBe(before);
  });
});
