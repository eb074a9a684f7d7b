// The email worker's side of "each email once" on a cluster (server/cluster/mail-once.ts gives the Redis claim): an
// email another process is sending is left alone, one marked sent is not sent again, and one the SMTP server accepted
// but whose record could not be stored yet is recorded later, never sent a second time.
import { describe, expect, it } from "vitest";
import pino from "pino";
import { createMailWorker, type MailOnce } from "../../server/selfservice/mail/worker.js";
import type { OutgoingMail } from "../../server/selfservice/mail/transport.js";
import { createMemoryStore } from "../../server/store/memory.js";
import type { OutgoingEmailRecord } from "../../server/store/port.js";

const email = (id: string): OutgoingEmailRecord => ({ id, kind: "ticket_created", ticketId: "t_1", messageId: null, to: `${id}@example.com`, status: "pending", attempts: 0, nextAttemptAt: 0, lastError: null, createdAt: 0, sentAt: null });

function setup(claims: Map<string, "claimed" | "busy" | "sent">, failMarks = 0) {
  const store = createMemoryStore();
  const sent: string[] = [];
  let marksToFail = failMarks;
  const once: MailOnce = {
    claim: async (id) => claims.get(id) ?? "claimed",
    markSent: async (record) => {
      if (marksToFail-- > 0) throw new Error("Redis away");
      await store.mailQueue.put(record);
    },
    release: async () => undefined,
  };
  const worker = createMailWorker({
    store,
    transport: { send: async (mail: OutgoingMail) => void sent.push(mail.id), close: () => undefined },
    render: async () => ({ subject: "s", text: "t" }),
    logger: pino({ level: "silent" }),
    once,
    busyRetryMs: 20,
  });
  return { store, sent, worker };
}

describe("the email worker with a claim per email", () => {
  it("leaves an email another node is sending, and records one already sent without sending it", async () => {
    const claims = new Map<string, "claimed" | "busy" | "sent">([["e_busy", "busy"], ["e_sent", "sent"]]);
    const { store, sent, worker } = setup(claims);
    for (const id of ["e_busy", "e_sent", "e_free"]) await store.mailQueue.put(email(id));
    worker.start();
    await expect.poll(async () => (await store.mailQueue.get("e_sent"))?.status).toBe("sent");
    await expect.poll(async () => (await store.mailQueue.get("e_free"))?.status).toBe("sent");
    expect(sent).toEqual(["e_free"]);
    expect((await store.mailQueue.get("e_busy"))?.status).toBe("pending");
    // The other node finished: the next look records it, still without sending it here.
    claims.set("e_busy", "sent");
    await expect.poll(async () => (await store.mailQueue.get("e_busy"))?.status).toBe("sent");
    expect(sent).toEqual(["e_free"]);
    await worker.stop();
  });

  it("records an accepted email whose record could not be stored at first, and does not send it again", async () => {
    const { store, sent, worker } = setup(new Map(), 3);
    await store.mailQueue.put(email("e_1"));
    worker.start();
    await expect.poll(async () => (await store.mailQueue.get("e_1"))?.status, { timeout: 10_000 }).toBe("sent");
    expect(sent).toEqual(["e_1"]);
    expect((await store.mailQueue.get("e_1"))?.attempts).toBe(1);
    await worker.stop();
  });

  it("sends what is stored once it holds the claim: an email another node failed meanwhile waits for its retry", async () => {
    const store = createMemoryStore();
    const sent: string[] = [];
    const later = Date.now() + 30 * 60_000;
    const once: MailOnce = {
      // Between this node's listing and its claim, another node (the desk before a handover) tried the email, failed,
      // recorded its fifth attempt with the next one in 30 minutes, and let the claim go.
      claim: async (id) => {
        const stored = (await store.mailQueue.get(id))!;
        if (stored.attempts === 0) await store.mailQueue.put({ ...stored, attempts: 5, nextAttemptAt: later, lastError: "451 try later" });
        return "claimed";
      },
      markSent: (record) => store.mailQueue.put(record),
      release: async () => undefined,
    };
    const listed = email("e_1");
    await store.mailQueue.put(listed);
    // The listing this node made before the other node's write (listed once).
    let checked = false;
    const stale = { ...store, mailQueue: { ...store.mailQueue, due: async () => (checked ? [] : ((checked = true), [listed])) } };
    const worker = createMailWorker({
      store: stale,
      transport: { send: async (mail: OutgoingMail) => void sent.push(mail.id), close: () => undefined },
      render: async () => ({ subject: "s", text: "t" }),
      logger: pino({ level: "silent" }),
      once,
      busyRetryMs: 20,
    });
    worker.start();
    await expect.poll(() => checked).toBe(true);
    await worker.stop();
    expect(sent).toEqual([]);
    expect(await store.mailQueue.get("e_1")).toMatchObject({ status: "pending", attempts: 5, nextAttemptAt: later, lastError: "451 try later" });
  });

  it("counts an email whose content cannot be read as a failed attempt: no spinning, and the others are still sent", async () => {
    const store = createMemoryStore();
    const sent: string[] = [];
    let renders = 0;
    for (const id of ["e_bad", "e_good"]) await store.mailQueue.put(email(id));
    const worker = createMailWorker({
      store,
      transport: { send: async (mail: OutgoingMail) => void sent.push(mail.id), close: () => undefined },
      render: async (record) => {
        renders++;
        if (record.id === "e_bad") throw new Error("corrupt transcript file");
        return { subject: "s", text: "t" };
      },
      logger: pino({ level: "silent" }),
      busyRetryMs: 20,
    });
    worker.start();
    await expect.poll(async () => (await store.mailQueue.get("e_good"))?.status).toBe("sent");
    await expect.poll(async () => (await store.mailQueue.get("e_bad"))?.attempts).toBe(1);
    await worker.stop();
    expect(sent).toEqual(["e_good"]);
    const bad = (await store.mailQueue.get("e_bad"))!;
    expect(bad).toMatchObject({ status: "pending", lastError: "corrupt transcript file" });
    expect(bad.nextAttemptAt).toBeGreaterThan(Date.now());
    expect(renders).toBe(2);
  });
});
