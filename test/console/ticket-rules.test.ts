import { describe, expect, it } from "vitest";
import { NO_SETTINGS } from "../../console/model/selfservice-config.js";
import { fileIssues, formatBytes, statusChanges, ticketFrom, ticketsFrom, ticketsPath } from "../../console/model/ticket-rules.js";
import { ticketSummary, ticketView } from "./selfservice-setup.js";

describe("ticket rules", () => {
  it.each([
    [{ status: "", category: "", language: "" }, "/api/agent/tickets"],
    [{ status: "open", category: "", language: "" }, "/api/agent/tickets?status=open"],
    [{ status: "solved", category: "Deposit & Withdrawal", language: "de" }, "/api/agent/tickets?status=solved&category=Deposit+%26+Withdrawal&language=de"],
    [{ status: "", category: "", language: "pt-BR" }, "/api/agent/tickets?language=pt-BR"],
  ] as const)("asks for %j at %s", (filters, path) => {
    expect(ticketsPath(filters)).toBe(path);
  });

  it.each([
    ["open", ["Mark as pending", "Mark as solved"]],
    ["pending", ["Mark as solved", "Reopen"]],
    ["solved", ["Reopen"]],
  ] as const)("offers a %s ticket %j", (status, labels) => {
    expect(statusChanges(status).map((c) => c.label)).toEqual(labels);
  });

  it("says which files break the server's limits", () => {
    const settings = { ...NO_SETTINGS, maxFiles: 1, maxFileBytes: 1024 };
    const small = new File(["x"], "small.png");
    const big = new File([new Uint8Array(2048)], "big.pdf");
    expect(fileIssues([small], settings)).toEqual([]);
    expect(fileIssues([small, big], settings).map((i) => i.message)).toEqual(["Attach at most 1 file.", "big.pdf is larger than 1 KB."]);
    expect(fileIssues([big], NO_SETTINGS)).toEqual([]);
  });

  it.each([
    [500, "1 KB"],
    [820 * 1024, "820 KB"],
    [10 * 1024 * 1024, "10 MB"],
    [1.5 * 1024 * 1024, "1.5 MB"],
  ])("writes %d bytes as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("lists tickets most recently updated first and rejects replies without a list", () => {
    const older = ticketSummary({ id: "a", updatedAt: 1 });
    const newer = ticketSummary({ id: "b", updatedAt: 2 });
    expect(ticketsFrom({ tickets: [older, newer, "junk"] })?.map((t) => t.id)).toEqual(["b", "a"]);
    expect(ticketsFrom({ items: [] })).toBeNull();
    expect(ticketFrom(ticketView())).toEqual(ticketView());
    expect(ticketFrom({ id: "t1" })).toBeNull();
  });
});
