import { describe, expect, it } from "vitest";
import { parseRoute, sectionsFor, ticketHref } from "../../console/model/route.js";

describe("console routes", () => {
  it.each([
    ["", { section: "chats" }],
    ["#/chats", { section: "chats" }],
    ["#/tickets", { section: "tickets", ticketId: null }],
    ["#/tickets/", { section: "tickets", ticketId: null }],
    ["#/tickets/t%2042", { section: "tickets", ticketId: "t 42" }],
    ["#/tickets/%E0%A4%A", { section: "tickets", ticketId: null }],
    ["#/feedback", { section: "feedback" }],
    ["#/officials", { section: "officials" }],
    ["#/agents", { section: "agents" }],
    ["#/canned", { section: "canned" }],
    ["#/search/c%201", { section: "search", conversationId: "c 1" }],
    ["#/nowhere", { section: "chats" }],
    ["#tickets", { section: "tickets", ticketId: null }],
  ])("reads %j as %j", (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it("links to a ticket with its id encoded, and reads it back", () => {
    expect(ticketHref("a/b")).toBe("#/tickets/a%2Fb");
    expect(parseRoute(ticketHref("a/b"))).toEqual({ section: "tickets", ticketId: "a/b" });
  });

  it.each([
    ["agent", ["Chats", "Tickets", "Search", "Feedback", "Canned responses"]],
    ["supervisor", ["Chats", "Tickets", "Search", "Feedback", "Canned responses", "Board", "Reports", "Coverage"]],
    ["admin", ["Chats", "Tickets", "Search", "Feedback", "Canned responses", "Board", "Reports", "Coverage", "Agents", "Languages and texts", "Widget", "Official accounts"]],
    [undefined, ["Chats", "Tickets", "Search", "Feedback", "Canned responses"]],
  ] as const)("shows a %s the sections %j", (role, labels) => {
    expect(sectionsFor(role).map((s) => s.label)).toEqual(labels);
  });
});
