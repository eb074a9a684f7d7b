import { describe, expect, it } from "vitest";
import { fail, ok } from "./fake-http.js";
import { settle } from "./model-setup.js";
import { feedbackReport, selfServiceHarness } from "./selfservice-setup.js";

const FEEDBACK = "/api/agent/feedback";

async function inFeedback() {
  const harness = await selfServiceHarness();
  harness.http.respond("GET", FEEDBACK, ok(feedbackReport()));
  harness.model.actions.navigate({ section: "feedback" });
  await settle();
  return harness;
}

describe("feedback page", () => {
  it("loads the report on entering Feedback", async () => {
    const { model, http } = await inFeedback();
    expect(http.paths("GET")).toEqual([FEEDBACK]);
    expect(model.feedback.report.value?.items.map((i) => i.comment)).toEqual(["Great"]);
  });

  it("turns the rating and date range into the query", async () => {
    const { model, http } = await inFeedback();
    await model.feedback.actions.setFilters({ rating: "1" });
    await model.feedback.actions.setFilters({ from: "2025-05-01", to: "2025-05-31" });
    await model.feedback.actions.setFilters({ rating: "", from: "", to: "" });
    expect(http.paths("GET")).toEqual([FEEDBACK, `${FEEDBACK}?rating=1`, `${FEEDBACK}?rating=1&from=2025-05-01&to=2025-05-31`, FEEDBACK]);
  });

  it("does not ask for a range that ends before it starts", async () => {
    const { model, http } = await inFeedback();
    await model.feedback.actions.setFilters({ from: "2025-06-01", to: "2025-05-01" });
    expect(http.paths("GET")).toEqual([FEEDBACK]);
    expect(model.feedback.error.value?.message).toBe("The From date is after the To date.");
    await model.feedback.actions.setFilters({ to: "2025-06-30" });
    expect(model.feedback.error.value).toBeNull();
  });

  it("shows the server's message and issues for a refused filter", async () => {
    const { model, http } = await inFeedback();
    http.respond("GET", FEEDBACK, fail(400, "invalid_payload", "Bad filter", [{ path: "rating", message: "1 to 5" }]));
    await model.feedback.actions.setFilters({ rating: "5" });
    expect(model.feedback.error.value).toEqual({ message: "Bad filter", issues: [{ path: "rating", message: "1 to 5" }] });
  });

  it("says so when the reply is not a report", async () => {
    const { model, http } = await inFeedback();
    http.respond("GET", FEEDBACK, ok({ items: [] }));
    await model.feedback.actions.refresh();
    expect(model.feedback.error.value?.message).toMatch(/does not understand/);
    expect(model.feedback.report.value).not.toBeNull();
  });

  it("reloads each time the agent comes back to Feedback", async () => {
    const { model, http } = await inFeedback();
    model.actions.navigate({ section: "chats" });
    model.actions.navigate({ section: "feedback" });
    await settle();
    expect(http.paths("GET")).toEqual([FEEDBACK, FEEDBACK]);
  });
});
