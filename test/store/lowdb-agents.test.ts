import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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
