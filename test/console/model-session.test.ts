import { describe, expect, it } from "vitest";
import { agentView, conversationView } from "./fakes.js";
import { connectedHarness, createHarness } from "./model-setup.js";

describe("console session", () => {
  it("signs in silently with a valid session cookie and connects", async () => {
    const { model, fake } = createHarness();
    fake.respond("conversation:list", () => ({ ok: true, data: { conversations: [] } }));
    expect(model.session.value).toBe("checking");
    await model.actions.start();
    expect(model.session.value).toBe("signed-in");
    expect(model.agent.value?.name).toBe("Alex");
    expect(model.connection.value).toBe("connecting");
    fake.connect();
    expect(model.connection.value).toBe("connected");
    expect(fake.sent("conversation:list")).toHaveLength(1);
  });

  it("shows the sign-in form without an error when there is no session", async () => {
    const { model, fake, auth } = createHarness();
    auth.answers.me = { ok: false, error: "unauthorized", message: "No session" };
    await model.actions.start();
    expect(model.session.value).toBe("signed-out");
    expect(model.signInError.value).toBeNull();
    expect(fake.opens).toBe(0);
  });

  it("explains when the server cannot be reached", async () => {
    const { model, auth } = createHarness();
    auth.answers.me = { ok: false, error: "network", message: "offline" };
    await model.actions.start();
    expect(model.session.value).toBe("signed-out");
    expect(model.signInError.value).toMatch(/could not reach the server/i);
  });

  it.each([
    ["unauthorized", "Wrong email or password."],
    ["rate_limited", "Too many attempts. Wait a minute, then try again."],
    ["invalid_payload", "Enter a valid email address and your password."],
  ] as const)("says why signing in failed (%s)", async (error, text) => {
    const { model, auth, fake } = createHarness();
    auth.answers.me = { ok: false, error: "unauthorized", message: "" };
    await model.actions.start();
    auth.answers.login = { ok: false, error, message: "server text" };
    await model.actions.signIn("alex@example.com", "wrong");
    expect(model.signInError.value).toBe(text);
    expect(model.signInBusy.value).toBe(false);
    expect(model.session.value).toBe("signed-out");
    expect(fake.opens).toBe(0);
  });

  it("connects after signing in and clears the earlier error", async () => {
    const { model, auth, fake } = createHarness();
    auth.answers.me = { ok: false, error: "unauthorized", message: "" };
    await model.actions.start();
    auth.answers.login = { ok: false, error: "unauthorized", message: "" };
    await model.actions.signIn("alex@example.com", "wrong");
    auth.answers.login = { ok: true, agent: agentView() };
    await model.actions.signIn("alex@example.com", "right");
    expect(model.session.value).toBe("signed-in");
    expect(model.signInError.value).toBeNull();
    expect(fake.isOpen).toBe(true);
    expect(auth.calls).toEqual(["me", "login alex@example.com", "login alex@example.com"]);
  });

  it("disconnects, ends the session and forgets the chats on sign-out", async () => {
    const { model, fake, auth } = await connectedHarness([conversationView()]);
    expect(model.conversations.value).toHaveLength(1);
    await model.actions.signOut();
    expect(model.session.value).toBe("signed-out");
    expect(fake.isOpen).toBe(false);
    expect(auth.calls).toContain("logout");
    expect(model.conversations.value).toHaveLength(0);
    expect(model.agent.value).toBeNull();
  });

  it("shows the sign-in form with an explanation when the socket is refused as unauthorized", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.refuse();
    expect(model.session.value).toBe("signed-out");
    expect(model.signInError.value).toBe("Your session has ended. Sign in again.");
    expect(model.conversations.value).toHaveLength(0);
    expect(fake.isOpen).toBe(false);
  });

  it("shows Reconnecting while the socket is down and Connected again after", async () => {
    const { model, fake } = await connectedHarness();
    fake.drop();
    expect(model.connection.value).toBe("reconnecting");
    fake.connect();
    expect(model.connection.value).toBe("connected");
  });
});

describe("agent status", () => {
  it("shows the chosen status at once and then the server's answer", async () => {
    const { model, fake } = await connectedHarness();
    const set = model.actions.setStatus("away");
    expect(model.agent.value?.status).toBe("away");
    expect(fake.sent("status:set")).toEqual([{ status: "away" }]);
    fake.answer("status:set", { ok: true, data: agentView({ status: "away", maxChats: 5 }) });
    await set;
    expect(model.agent.value?.maxChats).toBe(5);
  });

  it("puts the status back and says why when the server refuses", async () => {
    const { model, fake } = await connectedHarness();
    fake.respond("status:set", () => ({ ok: false, error: "rate_limited", message: "slow" }));
    await model.actions.setStatus("offline");
    expect(model.agent.value?.status).toBe("online");
    expect(model.notices.value.at(-1)).toMatchObject({ tone: "error", text: expect.stringMatching(/could not change your status/i) });
  });

  it("follows agent:updated from the server", async () => {
    const { model, fake } = await connectedHarness();
    fake.emit("agent:updated", agentView({ status: "offline" }));
    expect(model.agent.value?.status).toBe("offline");
  });

  it("does not ask the server for the status it already has", async () => {
    const { model, fake } = await connectedHarness();
    await model.actions.setStatus("online");
    expect(fake.sent("status:set")).toHaveLength(0);
  });
});

describe("notices", () => {
  it("lets news fade after a while but keeps errors until dismissed", async () => {
    const { model, fake, clock } = await connectedHarness();
    fake.respond("status:set", () => ({ ok: false, error: "internal", message: "x" }));
    fake.emit("conversation:assigned", conversationView());
    await model.actions.setStatus("away");
    expect(model.notices.value.map((n) => n.tone)).toEqual(["info", "error"]);
    clock.advance(6000);
    expect(model.notices.value.map((n) => n.tone)).toEqual(["error"]);
    model.actions.dismissNotice(model.notices.value[0]?.id ?? -1);
    expect(model.notices.value).toHaveLength(0);
  });

  it("shows one piece of news at a time: the next replaces it, and fades a few seconds after it came", async () => {
    const { model, fake, clock } = await connectedHarness();
    fake.emit("conversation:assigned", conversationView({ id: "c_1", visitorName: "Anna" }));
    clock.advance(4000);
    fake.emit("conversation:assigned", conversationView({ id: "c_2", visitorName: "Ben" }));
    fake.emit("conversation:assigned", conversationView({ id: "c_3", visitorName: "Cleo" }));
    expect(model.notices.value.map((n) => n.text)).toEqual(["New chat from Cleo."]);
    // The first one's timer does not take the newest away early.
    clock.advance(2000);
    expect(model.notices.value.map((n) => n.text)).toEqual(["New chat from Cleo."]);
    clock.advance(4000);
    expect(model.notices.value).toEqual([]);
  });

  it("keeps news on screen while the pointer or the keyboard is on the notices, and lets it go once both have left", async () => {
    const { model, fake, clock } = await connectedHarness();
    fake.emit("conversation:assigned", conversationView({ visitorName: "Anna" }));
    model.actions.holdNotices("focus", true);
    model.actions.holdNotices("pointer", true);
    clock.advance(60_000);
    expect(model.notices.value.map((n) => n.text)).toEqual(["New chat from Anna."]);
    model.actions.holdNotices("focus", false);
    expect(model.notices.value).toHaveLength(1);
    model.actions.holdNotices("pointer", false);
    expect(model.notices.value).toEqual([]);
    // Not held any more: the next piece of news fades on time.
    fake.emit("conversation:assigned", conversationView({ id: "c_2", visitorName: "Ben" }));
    clock.advance(6000);
    expect(model.notices.value).toEqual([]);
  });

  it("keeps the latest error until dismissed, beside the news, without piling up errors", async () => {
    const { model, fake, clock } = await connectedHarness();
    fake.respond("status:set", () => ({ ok: false, error: "internal", message: "x" }));
    await model.actions.setStatus("away");
    await model.actions.setStatus("away");
    fake.emit("conversation:assigned", conversationView());
    expect(model.notices.value.map((n) => n.tone)).toEqual(["error", "info"]);
    clock.advance(60_000);
    expect(model.notices.value.map((n) => n.tone)).toEqual(["error"]);
  });
});
