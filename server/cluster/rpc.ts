// Desk calls between nodes over Redis pub/sub: a follower publishes a request on the desk channel, the lease holder (the
// only subscriber) runs it and publishes the result on the follower's reply channel. Nobody subscribed (no holder right
// now) or no answer in time is an error the caller answers as `storage_unavailable`: the client keeps its message and
// retries with the same id, and the store's idempotent append stores it once.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { AckError } from "../protocol/ack.js";

export interface RpcRequest {
  id: string;
  from: string;
  method: string;
  args: unknown[];
}

type RpcReply = { id: string; ok: true; value: unknown } | { id: string; ok: false; ack: AckError | null; message: string };

/** The desk could not be reached: answered like a store failure. */
export class DeskUnreachableError extends Error {
  override name = "DeskUnreachableError";
  readonly code = "EDESK";
}

/** What the holder answers with: the value, or an error whose client-facing ack (if any) is carried over. */
export type Serve = (request: RpcRequest) => Promise<unknown>;

export interface Rpc {
  request(method: string, args: unknown[]): Promise<unknown>;
  /** Starts (or with null stops) answering desk requests. */
  serve(handler: Serve | null, ackOf: (err: unknown) => AckError | null): Promise<void>;
  close(): void;
}

export function createRpc(client: Redis, sub: Redis, prefix: string, nodeId: string, timeoutMs: number): Rpc {
  const deskChannel = `${prefix}rpc:desk`;
  const replyChannel = `${prefix}rpc:reply:${nodeId}`;
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }>();
  let handler: Serve | null = null;
  let ackOf: (err: unknown) => AckError | null = () => null;

  const answer = async (request: RpcRequest) => {
    let reply: RpcReply;
    try {
      reply = { id: request.id, ok: true, value: await handler!(request) };
    } catch (err) {
      reply = { id: request.id, ok: false, ack: ackOf(err), message: err instanceof Error ? err.message : String(err) };
    }
    await client.publish(`${prefix}rpc:reply:${request.from}`, JSON.stringify(reply)).catch(() => undefined);
  };

  sub.on("message", (channel: string, text: string) => {
    // What another node published: anything that is not a request or reply of ours is dropped (ioredis would rethrow
    // a throw from here on the next tick and end the process).
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof parsed !== "object" || parsed === null || typeof (parsed as { id?: unknown }).id !== "string") return;
    if (channel === replyChannel) {
      const reply = parsed as RpcReply;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(reply.ack ? Object.assign(new Error(reply.message), { deskAck: reply.ack }) : new DeskUnreachableError(reply.message));
    } else if (channel === deskChannel && handler) void answer(parsed as RpcRequest);
  });
  const subscribed = sub.subscribe(replyChannel);

  return {
    async request(method, args) {
      await subscribed;
      const id = randomBytes(9).toString("base64url");
      const result = new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new DeskUnreachableError(`desk did not answer ${method} in ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
      });
      // Rejected by close() while the publish is still under way: the caller sees it when it awaits the result.
      result.catch(() => undefined);
      let receivers: number;
      try {
        receivers = await client.publish(deskChannel, JSON.stringify({ id, from: nodeId, method, args } satisfies RpcRequest));
      } catch (err) {
        receivers = 0;
      }
      if (receivers === 0) {
        const waiting = pending.get(id);
        pending.delete(id);
        if (waiting) clearTimeout(waiting.timer);
        throw new DeskUnreachableError("no node holds the desk right now");
      }
      return result;
    },
    async serve(next, toAck) {
      const was = handler;
      ackOf = toAck;
      // Serving only once subscribed: a failed subscribe leaves this node not serving (its caller gives the lease back).
      if (next && !was) await sub.subscribe(deskChannel);
      handler = next;
      if (!next && was) await sub.unsubscribe(deskChannel).catch(() => undefined);
    },
    close() {
      for (const [, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new DeskUnreachableError("closing"));
      }
      pending.clear();
    },
  };
}
