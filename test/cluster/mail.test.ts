// Each email sent once across the cluster, also while the desk (and with it the mail queue) moves between nodes in the
// middle of sending: three nodes, a slow SMTP server, the desk lease taken away from its holder again and again.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { OutgoingEmailRecord } from "../../server/store/port.js";
import { startNodes, type TestNode } from "../helpers/cluster.js";
import { describeWithRedis, startRedis, type RedisServer } from "../helpers/redis.js";
import { startSmtp, type TestSmtp } from "../selfservice/helpers.js";

describeWithRedis("email on a cluster", () => {
  let redis: RedisServer;
  let smtp: TestSmtp;
  let nodes: TestNode[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    nodes = [];
  });

  it("sends every queued email exactly once while the desk moves between nodes mid-send", async () => {
    const env = { SMTP_URL: smtp.url, MAIL_FROM: "Parley Support <help@parley.example>", PUBLIC_URL: "https://chat.parley.example" };
    let prefix: string;
    ({ nodes, prefix } = await startNodes(redis.url, 3, { env }));
    // Each email takes the SMTP server a while to accept, so that moves fall in the middle of sends.
    smtp.delayMs = 300;
    const store = nodes[0]!.store;
    const count = 40;
    const emails: OutgoingEmailRecord[] = [];
    for (let i = 0; i < count; i++) {
      const at = Date.now();
      const ticket = await store.tickets.create({
        id: `t_mail${i}`, email: `kim${i}@example.com`, language: "en", category: "Account", subject: `Subject ${i}`, status: "open",
        source: "form", conversationId: null, tokenHash: randomBytes(32).toString("hex"), awaitingAgent: true, createdAt: at, updatedAt: at, solvedAt: null,
      });
      const email: OutgoingEmailRecord = { id: `e_mail${i}`, kind: "ticket_created", ticketId: ticket.id, messageId: null, to: ticket.email, status: "pending", attempts: 0, nextAttemptAt: at, lastError: null, createdAt: at, sentAt: null };
      // Queued through different nodes, as tickets opened on any node are.
      await nodes[i % 3]!.store.mailQueue.put(email);
      emails.push(email);
    }
    // Take the lease away from whoever holds it, several times, while the queue drains: the old holder learns it lost
    // the desk only at its next renewal, so for a while two nodes believe they send the mail.
    const admin = redis.client();
    const leader = () => nodes.find((n) => n.app.cluster!.leading()) ?? null;
    let moves = 0;
    let pendingAtFirstMove = 0;
    for (let move = 0; move < 6 && (move === 0 || smtp.mails.length < count); move++) {
      const holder = leader();
      await admin.del(`${prefix}desk:lease`);
      await expect.poll(() => { const now = leader(); return now !== null && now !== holder; }, { timeout: 60_000 }).toBe(true);
      if (moves++ === 0) pendingAtFirstMove = count - smtp.mails.length;
    }
    expect(pendingAtFirstMove, "the desk moved while emails were still queued").toBeGreaterThan(0);
    await expect.poll(async () => (await Promise.all(emails.map((e) => store.mailQueue.get(e.id)))).filter((e) => e?.status === "sent").length, { timeout: 120_000 }).toBe(count);
    // Every email arrived, each exactly once (the recipient names the email).
    const received = smtp.mails.map((m) => m.to[0]).sort();
    expect(received).toEqual(emails.map((e) => e.to).sort());
  }, 240_000);
});
