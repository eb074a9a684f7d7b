// Alerts while the console tab is hidden (issue 8): which events deserve one (pure), and the model playing the sound
// unless muted (remembered), showing a desktop notification only with the browser's permission, and opening the chat
// when it is clicked.
import { describe, expect, it } from "vitest";
import { alertFor, ALERT_BODY_MAX, SOUND_SETTING, type Alert, type AlertPort, type NotificationPermissionState } from "../../console/model/alerts.js";
import { createMemoryStorage } from "../../widget/client/storage.js";
import { conversationView, messageView } from "./fakes.js";
import { createHarness, settle } from "./model-setup.js";

const assigned = (overrides = {}) => ({ kind: "assigned" as const, view: conversationView(overrides) });
const message = (seq: number, lastSeq: number, overrides = {}) => ({ kind: "message" as const, visitorName: "Anna", lastSeq, message: messageView(seq, overrides) });

describe("alertFor", () => {
  it.each([
    ["a new chat while hidden", assigned({ lastMessage: messageView(1, { text: "Where is my parcel?" }) }), false, { conversationId: "c1", title: "New chat: Anna", body: "Where is my parcel?" }],
    ["a transferred chat while hidden", assigned({ transfer: { fromName: "Bo", note: "Billing" } }), false, { conversationId: "c1", title: "New chat: Anna", body: "Transferred by Bo: Billing" }],
    ["a new chat without a message yet", assigned(), false, { conversationId: "c1", title: "New chat: Anna", body: "Waiting for your answer" }],
    ["a new chat while visible", assigned(), true, null],
    ["a closed chat", assigned({ status: "closed" }), false, null],
    ["a customer's new message while hidden", message(3, 2, { text: "Hello?" }), false, { conversationId: "c1", title: "Anna", body: "Hello?" }],
    ["a customer's message while visible", message(3, 2), true, null],
    ["a message counted before (a reconnect's repeat)", message(2, 2), false, null],
    ["the agent's own message", message(3, 2, { author: "agent" }), false, null],
    ["a system line", message(3, 2, { author: "system" }), false, null],
  ])("%s", (_name, cause, visible, expected) => {
    expect(alertFor(cause, visible)).toEqual(expected);
  });

  it("keeps the body one short line of text", () => {
    const alert = alertFor(message(2, 1, { text: `<b>hi</b>\n\n${"x".repeat(500)}` }), false)!;
    expect(alert.body.startsWith("<b>hi</b> xxx")).toBe(true);
    expect(Array.from(alert.body)).toHaveLength(ALERT_BODY_MAX);
    expect(alert.body.endsWith("…")).toBe(true);
  });
});

function fakePort(permission: NotificationPermissionState = "default") {
  const shown: { alert: Alert; click(): void }[] = [];
  let sounds = 0;
  let asked = 0;
  const port: AlertPort = {
    permission: () => permission,
    requestPermission: async () => {
      asked += 1;
      permission = "granted";
      return permission;
    },
    show: (alert, onClick) => void shown.push({ alert, click: onClick }),
    sound: () => void (sounds += 1),
  };
  return { port, shown, get sounds() { return sounds; }, get asked() { return asked; } };
}

async function hiddenConsole(permission: NotificationPermissionState, settings = createMemoryStorage()) {
  const alerts = fakePort(permission);
  const h = createHarness(undefined, { alerts: alerts.port, settings });
  h.fake.respond("conversation:list", () => ({ ok: true, data: { conversations: [] } }));
  // The server holds messages 1 and 2 of chat c1.
  const stored = [messageView(1, { text: "Hi" }), messageView(2, { text: "Anyone there?" })];
  h.fake.respond("conversation:history", (p) => ({ ok: true, data: { conversation: conversationView({ id: p.conversationId, lastSeq: 2 }), messages: stored.filter((m) => m.seq > p.afterSeq), notes: [] } }));
  await h.model.actions.start();
  h.fake.connect();
  await settle();
  h.model.actions.setPageVisible(false);
  return { ...h, alerts };
}

describe("the console's alerts", () => {
  it("sounds and shows a notification with the customer's name and message; a click opens the chat", async () => {
    const { model, fake, alerts } = await hiddenConsole("granted");
    model.actions.navigate({ section: "tickets", ticketId: null });
    fake.emit("conversation:assigned", conversationView({ lastMessage: messageView(1, { text: "Hi" }), lastSeq: 1 }));
    expect(alerts.sounds).toBe(1);
    expect(alerts.shown.map((s) => s.alert)).toEqual([{ conversationId: "c1", title: "New chat: Anna", body: "Hi" }]);
    fake.emit("message:created", messageView(2, { text: "Anyone there?" }));
    expect(alerts.sounds).toBe(2);
    expect(alerts.shown[1]!.alert).toEqual({ conversationId: "c1", title: "Anna", body: "Anyone there?" });
    // The same message again (a reconnect) is not news.
    fake.emit("message:created", messageView(2, { text: "Anyone there?" }));
    expect(alerts.sounds).toBe(2);

    alerts.shown[1]!.click();
    expect(model.openId.value).toBe("c1");
    expect(model.route.value).toEqual({ section: "chats" });
  });

  it("stays quiet while the tab is visible", async () => {
    const { model, fake, alerts } = await hiddenConsole("granted");
    model.actions.setPageVisible(true);
    fake.emit("conversation:assigned", conversationView());
    fake.emit("message:created", messageView(1));
    expect(alerts.sounds).toBe(0);
    expect(alerts.shown).toEqual([]);
  });

  it("never shows a notification without permission, and asks only when the agent does", async () => {
    const { model, fake, alerts } = await hiddenConsole("default");
    expect(model.notificationPermission.value).toBe("default");
    fake.emit("conversation:assigned", conversationView());
    expect(alerts.sounds).toBe(1);
    expect(alerts.shown).toEqual([]);
    expect(alerts.asked).toBe(0);
    await model.actions.requestNotifications();
    expect(alerts.asked).toBe(1);
    expect(model.notificationPermission.value).toBe("granted");
    fake.emit("message:created", messageView(1));
    expect(alerts.shown).toHaveLength(1);
  });

  it("mutes the sound, remembers it on this device, and still shows notifications", async () => {
    const settings = createMemoryStorage();
    const first = await hiddenConsole("granted", settings);
    expect(first.model.muted.value).toBe(false);
    first.model.actions.setMuted(true);
    expect(settings.get(SOUND_SETTING)).toBe("off");
    first.fake.emit("conversation:assigned", conversationView());
    expect(first.alerts.sounds).toBe(0);
    expect(first.alerts.shown).toHaveLength(1);

    const again = await hiddenConsole("granted", settings);
    expect(again.model.muted.value).toBe(true);
    again.model.actions.setMuted(false);
    expect(settings.get(SOUND_SETTING)).toBeNull();
  });
});
