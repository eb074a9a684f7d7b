// Two nodes (two ticket services over one store, as on a cluster) change one ticket at the same moment: the ticket
// follows its thread, whichever write lands last. Each node's own per-ticket queue cannot order the other node's writes.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createTicketService, type Author, type TicketServiceDeps } from "../../server/selfservice/tickets/service.js";
import { createMemoryStore } from "../../server/store/memory.js";
import type { AgentRecord, Store } from "../../server/store/port.js";
import { agent as agentRecord } from "../store/fixtures.js";
import { ticketDraft } from "../store/selfservice-fixtures.js";

const agent: Author = { kind: "agent", agent: agentRecord() as AgentRecord };
const customer: Author = { kind: "customer" };

function node(store: Store, mailed: string[]) {
  const deps = {
    store,
    uploads: { accept: async () => [], remove: async () => {}, discard: async () => {} },
    mail: { enqueue: async (kind: string) => void mailed.push(kind) },
    tokens: {},
    chat: {},
    logger: pino({ level: "silent" }),
    now: () => 1_800_000_000_000,
  } as unknown as TicketServiceDeps;
  return createTicketService(deps);
}

/**
 * A store that runs `meanwhile` (the other node's whole request) once, right after the victim's first append to the
 * ticket's thread or its first read of it: the victim then goes on with what it read before, now out of date.
 */
function interleaved(store: Store, at: "append" | "list"): { store: Store; meanwhile(run: () => Promise<unknown>): void } {
  let pending: (() => Promise<unknown>) | null = null;
  const then = async <T>(result: T): Promise<T> => {
    const run = pending;
    pending = null;
    if (run) await run();
    return result;
  };
  const held: Store = {
    ...store,
    ticketMessages: {
      append: async (ticketId, message) => {
        await store.ticketMessages.append(ticketId, message);
        if (at === "append") await then(undefined);
      },
      list: async (ticketId) => {
        const thread = await store.ticketMessages.list(ticketId);
        return at === "list" ? then(thread) : thread;
      },
    },
  };
  return { store: held, meanwhile: (run) => (pending = run) };
}

describe.each(["append", "list"] as const)("a ticket changed on two nodes at once (the other node in the middle of its %s)", (at) => {
  /** A ticket in one store, node A (held at `at` while `meanwhile` runs) and node B, and the kinds of email queued. */
  async function twoNodes(status: "open" | "pending") {
    const shared = createMemoryStore();
    const ticket = await shared.tickets.create(ticketDraft({ status, awaitingAgent: status === "open" }));
    const mailed: string[] = [];
    const held = interleaved(shared, at);
    return { shared, ticket, mailed, meanwhile: held.meanwhile, nodeA: node(held.store, mailed), nodeB: node(shared, mailed) };
  }

  it("stays open, awaiting an agent, when the customer replies on one node while an agent replies on the other", async () => {
    const { shared, ticket, mailed, meanwhile, nodeA, nodeB } = await twoNodes("open");
    meanwhile(() => nodeB.reply(ticket.id, customer, "Any news? It is still broken.", []));
    await nodeA.reply(ticket.id, agent, "We are looking into it.", []);
    expect((await shared.ticketMessages.list(ticket.id)).at(-1)?.author).toBe("customer");
    expect(await shared.tickets.get(ticket.id)).toMatchObject({ status: "open", awaitingAgent: true });
    expect(mailed).toEqual(["agent_reply"]);
  });

  it("is pending when the agent answers on one node while the customer's reply is being written on the other", async () => {
    const { shared, ticket, meanwhile, nodeA, nodeB } = await twoNodes("pending");
    meanwhile(() => nodeB.reply(ticket.id, agent, "Fixed now.", []));
    await nodeA.reply(ticket.id, customer, "Still broken?", []);
    expect((await shared.ticketMessages.list(ticket.id)).map((m) => m.author)).toEqual(["customer", "agent"]);
    expect(await shared.tickets.get(ticket.id)).toMatchObject({ status: "pending", awaitingAgent: false });
  });

  it("is not solved when the customer writes after the solved note on the other node; their reply reopens it", async () => {
    const { shared, ticket, mailed, meanwhile, nodeA, nodeB } = await twoNodes("pending");
    meanwhile(() => nodeB.reply(ticket.id, customer, "Wait, one more question.", []));
    await nodeA.setStatus(ticket.id, "solved", agentRecord() as AgentRecord);
    expect((await shared.ticketMessages.list(ticket.id)).map((m) => m.author)).toEqual(["system", "customer"]);
    expect(await shared.tickets.get(ticket.id)).toMatchObject({ status: "open", awaitingAgent: true, solvedAt: null });
    expect(mailed).toEqual([]);
  });
});
