// The commands the benchmark gives a load process (driver.ts) over IPC, and what each answers.

export type DriverCommand =
  /** Signs in these agents (each from its own address) and connects them to /agent. */
  | { type: "agents"; url: string; agents: { email: string; password: string; address: string }[] }
  /** Registers and connects `count` customers, customer i (global numbering from `first`) from its own address, to the nodes in turn. */
  | { type: "customers"; urls: string[]; first: number; count: number }
  /** The first `count` connected customers start a chat in `language`; answers once every one is assigned. */
  | { type: "chats"; language: string; count: number }
  /** One measured period: every chat sends `ratePerChat` messages a second from `startAt` (epoch ms) for `seconds`. */
  | { type: "run"; step: number; startAt: number; ratePerChat: number; seconds: number; drainSeconds: number }
  | { type: "close" };

/** What one load process saw in one run. Latencies are from each message's intended send time, in ms. */
export interface RunSample {
  sent: number;
  ackedOk: number;
  /** Acks that were errors, by error code. */
  ackErrors: Record<string, number>;
  /** Sent but neither acked nor refused when the drain period ended. */
  unacked: number;
  delivered: number;
  /** Acked (stored) but never delivered to the agent by the end of the drain period. */
  lost: number;
  duplicated: number;
  outOfOrder: number;
  /** Messages of an earlier run that arrived during this one (an earlier run's backlog). */
  stray: number;
  /** Sockets that disconnected during the run (the load uses no reconnection: every one is a failure). */
  disconnects: number;
  deliveryMs: Float64Array;
  ackMs: Float64Array;
  /** Epoch ms of the last ack (ok) received. */
  lastAckAt: number;
  /** How late the load process itself emitted messages (a late load process is a bottleneck, not the server's). */
  latenessP99Ms: number;
  latenessMaxMs: number;
  /** CPU time of this load process during the run. */
  cpuMs: number;
  wallMs: number;
}

export type DriverReply =
  | { type: "ok"; rateLimited?: number }
  | { type: "run"; sample: RunSample }
  | { type: "error"; message: string };
