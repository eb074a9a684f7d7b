// "Email transcript" in the console model: one request at a time per chat, and a notice that says where it went or why not.
import { describe, expect, it } from "vitest";
import { fail, ok } from "./fake-http.js";
import { createHarness, settle } from "./model-setup.js";

const PATH = "/api/agent/conversations/c1/transcript-email";

describe("emailing a transcript from the console", () => {
  it("posts once, is busy meanwhile, and says where the transcript went", async () => {
    const { model, http } = createHarness();
    const sent = model.actions.emailTranscript("c1");
    expect(model.transcriptSending.value.has("c1")).toBe(true);
    expect(await model.actions.emailTranscript("c1")).toBe(false);
    expect(http.requests("POST", PATH)).toEqual([{ method: "POST", path: PATH, json: {} }]);
    http.answer("POST", PATH, ok({ to: "mia@example.com" }, 202));
    expect(await sent).toBe(true);
    expect(model.transcriptSending.value.has("c1")).toBe(false);
    expect(model.notices.value.map((n) => [n.text, n.tone])).toEqual([["Transcript emailed to mia@example.com.", "info"]]);
  });

  it.each([
    ["no_email", 409, "the customer left no email address"],
    ["rate_limited", 429, "it was sent too often just now; try again later"],
    ["not_found", 404, "this chat is no longer available to you"],
  ])("explains %s", async (error, status, why) => {
    const { model, http } = createHarness();
    http.respond("POST", PATH, fail(status, error, "server text"));
    expect(await model.actions.emailTranscript("c1")).toBe(false);
    await settle();
    expect(model.notices.value.map((n) => [n.text, n.tone])).toEqual([[`Could not email the transcript: ${why}.`, "error"]]);
  });
});
