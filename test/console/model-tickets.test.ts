import { describe, expect, it } from "vitest";
import { INBOX_POLL_MS } from "../../console/model/ticket-inbox.js";
import { fail, ok } from "./fake-http.js";
import { settle } from "./model-setup.js";
import { selfServiceHarness, ticketSummary, ticketView } from "./selfservice-setup.js";

const INBOX = "/api/agent/tickets";

async function inTickets(ticketId: string | null = null) {
  const harness = await selfServiceHarness();
  harness.http.respond("GET", INBOX, ok({ tickets: [ticketSummary()] }));
  harness.http.respond("GET", `${INBOX}/t1`, ok(ticketView()));
  harness.model.actions.navigate({ section: "tickets", ticketId });
  await settle();
  return harness;
}

describe("ticket inbox", () => {
  it("loads nothing over HTTP while the agent stays in Chats", async () => {
    const { http } = await selfServiceHarness();
    expect(http.requests()).toEqual([]);
  });

  it("loads the inbox and the settings on entering Tickets", async () => {
    const { model, http } = await inTickets();
    expect(http.paths("GET")).toEqual(expect.arrayContaining([INBOX, "/api/selfservice/config", "/api/widget/config"]));
    expect(model.tickets.inbox.tickets.value?.map((t) => t.number)).toEqual([1042]);
    expect(model.settings.value.categories.map((c) => c.id)).toEqual(["Account", "Withdrawal"]);
  });

  it("turns filters into the query and reloads", async () => {
    const { model, http } = await inTickets();
    await model.tickets.actions.setFilters({ status: "pending" });
    await model.tickets.actions.setFilters({ category: "Withdrawal", language: "de" });
    await model.tickets.actions.setFilters({ status: "" });
    expect(http.paths("GET").filter((p) => p.startsWith(INBOX))).toEqual([
      INBOX,
      `${INBOX}?status=pending`,
      `${INBOX}?status=pending&category=Withdrawal&language=de`,
      `${INBOX}?category=Withdrawal&language=de`,
    ]);
  });

  it("keeps only the answer to the latest filters when answers cross", async () => {
    const { model, http } = await inTickets();
    http.hold("GET", INBOX);
    void model.tickets.actions.setFilters({ status: "open" });
    void model.tickets.actions.setFilters({ status: "solved" });
    http.answer("GET", INBOX, ok({ tickets: [ticketSummary({ id: "old", status: "open" })] }));
    http.answer("GET", INBOX, ok({ tickets: [ticketSummary({ id: "new", status: "solved" })] }));
    await settle();
    expect(model.tickets.inbox.tickets.value?.map((t) => t.id)).toEqual(["new"]);
  });

  it("shows the server's message when the inbox fails, and keeps the last list", async () => {
    const { model, http } = await inTickets();
    http.respond("GET", INBOX, fail(400, "invalid_payload", "Unknown status", [{ path: "status", message: "Invalid option" }]));
    await model.tickets.actions.refresh();
    expect(model.tickets.inbox.error.value).toEqual({ message: "Unknown status", issues: [{ path: "status", message: "Invalid option" }] });
    expect(model.tickets.inbox.tickets.value).toHaveLength(1);
  });

  it("polls every 30 s only while Tickets is on screen and the tab visible", async () => {
    const { model, http, clock } = await inTickets();
    const polls = () => http.paths("GET").filter((p) => p.startsWith(INBOX)).length;
    expect(polls()).toBe(1);
    clock.advance(INBOX_POLL_MS);
    expect(polls()).toBe(2);
    model.actions.setPageVisible(false);
    clock.advance(INBOX_POLL_MS * 3);
    expect(polls()).toBe(2);
    model.actions.setPageVisible(true);
    expect(polls()).toBe(3);
    model.actions.navigate({ section: "chats" });
    clock.advance(INBOX_POLL_MS * 3);
    expect(polls()).toBe(3);
  });

  it("ends the session when the server no longer knows it", async () => {
    const { model, http } = await selfServiceHarness();
    http.respond("GET", INBOX, fail(401, "unauthorized", "Sign in"));
    model.actions.navigate({ section: "tickets", ticketId: null });
    await settle();
    expect(model.session.value).toBe("signed-out");
    expect(model.signInError.value).toMatch(/session has ended/);
    expect(model.tickets.inbox.tickets.value).toBeNull();
  });

  it("forgets tickets and stops polling on sign-out", async () => {
    const { model, http, clock } = await inTickets("t1");
    await model.actions.signOut();
    expect(model.tickets.inbox.tickets.value).toBeNull();
    expect(model.tickets.detail.ticket.value).toBeNull();
    const before = http.requests().length;
    clock.advance(INBOX_POLL_MS * 2);
    expect(http.requests().length).toBe(before);
  });
});

describe("open ticket", () => {
  it("loads the ticket the route names", async () => {
    const { model } = await inTickets("t1");
    expect(model.tickets.detail.openId.value).toBe("t1");
    expect(model.tickets.detail.ticket.value?.subject).toBe("Withdrawal stuck");
  });

  it("says why a ticket cannot be shown", async () => {
    const { model, http } = await selfServiceHarness();
    http.respond("GET", INBOX, ok({ tickets: [] }));
    http.respond("GET", `${INBOX}/nope`, fail(404, "not_found", "No such ticket"));
    model.actions.navigate({ section: "tickets", ticketId: "nope" });
    await settle();
    expect(model.tickets.detail.ticket.value).toBeNull();
    expect(model.tickets.detail.loadError.value?.message).toBe("No such ticket");
  });

  it("sends a reply as multipart text and files, shows the answer and refreshes the inbox", async () => {
    const { model, http } = await inTickets("t1");
    const replied = ticketView({ messages: [...ticketView().messages, { id: "tm2", author: "agent", authorName: "Alex", text: "On it", attachments: [], at: 3_000 }] });
    http.respond("POST", `${INBOX}/t1/replies`, ok(replied, 201));
    const file = new File(["%PDF"], "invoice.pdf", { type: "application/pdf" });
    const inboxLoads = http.paths("GET").filter((p) => p === INBOX).length;
    expect(await model.tickets.actions.reply("On it", [file])).toBe(true);
    const [request] = http.requests("POST", `${INBOX}/t1/replies`);
    expect(request?.form?.get("text")).toBe("On it");
    expect((request?.form?.getAll("files")[0] as File).name).toBe("invoice.pdf");
    expect(model.tickets.detail.ticket.value?.messages).toHaveLength(2);
    await settle();
    expect(http.paths("GET").filter((p) => p === INBOX).length).toBe(inboxLoads + 1);
    expect(model.notices.value.map((n) => n.text)).toContain("Reply sent to mia@example.com.");
  });

  it("does not send an empty reply or files over the limits", async () => {
    const { model, http } = await inTickets("t1");
    expect(await model.tickets.actions.reply("  ", [])).toBe(false);
    expect(model.tickets.detail.replyError.value?.message).toBe("Write a reply or attach a file.");
    const big = new File([new Uint8Array(4096)], "huge.png");
    expect(await model.tickets.actions.reply("See attached", [big])).toBe(false);
    expect(model.tickets.detail.replyError.value?.issues).toEqual([{ path: "files", message: "huge.png is larger than 1 KB." }]);
    expect(http.requests("POST")).toEqual([]);
  });

  it("shows the message and issues of a refused reply and keeps the form", async () => {
    const { model, http } = await inTickets("t1");
    http.respond("POST", `${INBOX}/t1/replies`, fail(400, "invalid_payload", "The upload was refused", [{ path: "files", message: "Only images and PDF" }]));
    expect(await model.tickets.actions.reply("Here", [new File(["x"], "a.exe")])).toBe(false);
    expect(model.tickets.detail.replyError.value).toEqual({ message: "The upload was refused", issues: [{ path: "files", message: "Only images and PDF" }] });
    expect(model.tickets.detail.busy.value).toBe(false);
  });

  it("changes the status as offered, then refreshes the inbox", async () => {
    const { model, http } = await inTickets("t1");
    http.respond("POST", `${INBOX}/t1/status`, ok(ticketView({ status: "solved" })));
    await model.tickets.actions.setStatus("open");
    expect(http.requests("POST")).toEqual([]);
    const inboxLoads = http.paths("GET").filter((p) => p === INBOX).length;
    await model.tickets.actions.setStatus("solved");
    expect(http.requests("POST", `${INBOX}/t1/status`)[0]?.json).toEqual({ status: "solved" });
    expect(model.tickets.detail.ticket.value?.status).toBe("solved");
    await settle();
    expect(http.paths("GET").filter((p) => p === INBOX).length).toBe(inboxLoads + 1);
  });

  it("shows why a status change was refused", async () => {
    const { model, http } = await inTickets("t1");
    http.respond("POST", `${INBOX}/t1/status`, fail(409, "conflict", "Someone else changed it"));
    await model.tickets.actions.setStatus("pending");
    expect(model.tickets.detail.statusError.value?.message).toBe("Someone else changed it");
    expect(model.tickets.detail.ticket.value?.status).toBe("open");
  });

  it("ignores a slow ticket once another is opened", async () => {
    const { model, http } = await inTickets();
    http.hold("GET", `${INBOX}/t1`);
    http.respond("GET", `${INBOX}/t2`, ok(ticketView({ id: "t2", subject: "Second" })));
    model.actions.navigate({ section: "tickets", ticketId: "t1" });
    model.actions.navigate({ section: "tickets", ticketId: "t2" });
    await settle();
    http.answer("GET", `${INBOX}/t1`, ok(ticketView()));
    await settle();
    expect(model.tickets.detail.ticket.value?.subject).toBe("Second");
  });
});
