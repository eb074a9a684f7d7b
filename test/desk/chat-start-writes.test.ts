// Chat start writes the conversation and the visitor's list of conversations at once: the visitor's journal line is
// written and flushed (fdatasync) while the conversation's journal write is still waiting on disk (observed through an injected
// FileIo that holds the conversation journal's flushes), so a chat start waits for one disk write, not two in a row.
import { afterEach, expect, it } from "vitest";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { createControlledIo } from "../store/controlled-io.js";
import { makeTempDir, removeTempDirs } from "../store/temp-dir.js";
import { deskOver } from "./fakes.js";

afterEach(removeTempDirs);

it("writes the visitor's record while the new conversation's write is still in flight", async () => {
  const dir = await makeTempDir();
  const controlled = createControlledIo(dir);
  const store = await openLowdbStore(dir, { lock: true, io: controlled.io });
  const { desk, take } = await deskOver(store);
  try {
    const { visitorId } = await desk.visitor.register();
    const release = controlled.holdSyncs(/^conversations-journal\//);
    const before = controlled.calls.length;
    const starting = desk.visitor.start(visitorId, { language: "en", message: { id: "start_abcdef", text: "hi" } });
    await expect.poll(() => controlled.calls.slice(before).some((call) => call.startsWith("datasync conversations-journal/")), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => controlled.calls.slice(before).some((call) => call.startsWith("datasync visitors-journal/")), { timeout: 10_000 }).toBe(true);
    release();
    expect(take(await starting)).toMatchObject({ ok: true });
    expect(take(await desk.visitor.list(visitorId))).toMatchObject({ ok: true, data: { conversations: [{ language: "en" }] } });
  } finally {
    desk.stop();
    await store.close();
  }
});
