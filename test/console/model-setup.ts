// Builds a console model on fakes, signed in and connected, for the model tests.
import type { AgentConversationView, AgentSelfView } from "../../server/protocol/index.js";
import { createConsoleModel, type ConsoleDeps, type ConsoleModel } from "../../console/model/index.js";
import {
  agentView,
  createFakeAuth,
  createFakeTransport,
  createManualTimers,
  type FakeTransport,
} from "./fakes.js";
import { createFakeHttp, type FakeHttp } from "./fake-http.js";

/** Lets every promise chain started so far finish (fakes answer without timers). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A model with its fakes. */
export interface ModelHarness {
  model: ConsoleModel;
  fake: FakeTransport;
  clock: ReturnType<typeof createManualTimers>;
  auth: ReturnType<typeof createFakeAuth>;
  http: FakeHttp;
}

/** A model whose session check succeeds (as `agent`), not yet started; `extra` adds or replaces dependencies. */
export function createHarness(agent: AgentSelfView = agentView(), extra: Partial<ConsoleDeps> = {}): ModelHarness {
  const fake = createFakeTransport();
  const clock = createManualTimers();
  const auth = createFakeAuth({ ok: true, agent });
  const http = createFakeHttp();
  let n = 0;
  const model = createConsoleModel({
    auth: auth.auth,
    transport: fake.transport,
    http: http.port,
    newId: () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, "0")}`,
    timers: clock.timers,
    now: clock.now,
    ...extra,
  });
  fake.respond("conversation:read", () => ({ ok: true, data: null }));
  fake.respond("typing:set", () => ({ ok: true, data: null }));
  return { model, fake, clock, auth, http };
}

/** A started, connected model whose `conversation:list` answers `conversations`. */
export async function connectedHarness(conversations: AgentConversationView[] = []): Promise<ModelHarness> {
  const harness = createHarness();
  harness.fake.respond("conversation:list", () => ({ ok: true, data: { conversations } }));
  await harness.model.actions.start();
  harness.fake.connect();
  await settle();
  return harness;
}
