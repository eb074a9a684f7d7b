// Delivery of effects to rooms: on one node, a room with nobody in it but the sender is not emitted to (nothing is
// encoded for nobody) and a room with one socket to reach is emitted to on that socket; on a cluster every emit goes
// out to the room, since its other members may be on other nodes.
import { describe, expect, it } from "vitest";
import type { DeskEffect } from "../../server/desk/effects.js";
import { createDelivery, type Namespaces } from "../../server/realtime/delivery.js";
import { agentRoom, visitorRoom } from "../../server/realtime/rooms.js";

/** Namespaces that record every emit (room and excluded socket, or socket; event) and hold the given room members. */
function fakeNamespaces(members: Record<string, string[]>) {
  const emits: string[] = [];
  const namespace = (kind: string) => ({
    adapter: { rooms: new Map(Object.entries(members).map(([room, ids]) => [room, new Set(ids)])) },
    sockets: new Map(Object.values(members).flat().map((id) => [id, { emit: (event: string) => void emits.push(`${kind} socket ${id} ${event}`) }])),
    to: (room: string) => {
      const target = (except: string | null) => ({
        except: (id: string) => target(id),
        emit: (event: string) => void emits.push(`${kind} ${room}${except ? ` except ${except}` : ""} ${event}`),
      });
      return target(null);
    },
    in: () => ({ disconnectSockets: () => {} }),
  });
  return { namespaces: { visitors: namespace("visitor"), agents: namespace("agent") } as unknown as Namespaces, emits };
}

const message = (author: "visitor" | "agent"): DeskEffect => ({
  type: "message.created",
  to: { visitorId: "v_1", agentId: "a_1" },
  message: { id: "m1", conversationId: "c_1", seq: 1, author, text: "hi", at: 0 },
});

describe("delivery to rooms", () => {
  it("on one node, does not emit a customer's message to their room when the sending socket is all it holds", () => {
    const { namespaces, emits } = fakeNamespaces({ [visitorRoom("v_1")]: ["s_customer"], [agentRoom("a_1")]: ["s_agent"] });
    createDelivery(() => namespaces, { roomsAreLocal: true })([message("visitor")], "s_customer");
    expect(emits).toEqual(["agent socket s_agent message:created"]);
  });

  it("on one node, still reaches the customer's other tab, and skips rooms nobody is in", () => {
    const { namespaces, emits } = fakeNamespaces({ [visitorRoom("v_1")]: ["s_customer", "s_other_tab"] });
    createDelivery(() => namespaces, { roomsAreLocal: true })([message("visitor")], "s_customer");
    expect(emits).toEqual(["visitor socket s_other_tab message:created"]);
  });

  it("on one node, emits to the room (once) when it holds several sockets to reach", () => {
    const { namespaces, emits } = fakeNamespaces({ [visitorRoom("v_1")]: ["s_customer", "s_tab2", "s_tab3"], [agentRoom("a_1")]: ["s_agent", "s_agent_tab2"] });
    createDelivery(() => namespaces, { roomsAreLocal: true })([message("visitor")], "s_customer");
    expect(emits).toEqual([`visitor ${visitorRoom("v_1")} except s_customer message:created`, `agent ${agentRoom("a_1")} message:created`]);
  });

  it("on a cluster, emits to every room concerned, whatever this node's members", () => {
    const { namespaces, emits } = fakeNamespaces({ [visitorRoom("v_1")]: ["s_customer"] });
    createDelivery(() => namespaces, { roomsAreLocal: false })([message("visitor")], "s_customer");
    expect(emits).toEqual([`visitor ${visitorRoom("v_1")} except s_customer message:created`, `agent ${agentRoom("a_1")} message:created`]);
  });
});
