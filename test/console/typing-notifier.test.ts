import { describe, expect, it } from "vitest";
import { createTypingNotifier } from "../../console/model/typing-notifier.js";
import { createManualTimers } from "./fakes.js";

function setup() {
  const clock = createManualTimers();
  const sent: string[] = [];
  const notifier = createTypingNotifier({
    send: (id, typing) => sent.push(`${id}:${typing}`),
    timers: clock.timers,
    now: clock.now,
    idleMs: 4000,
    refreshMs: 3000,
  });
  return { clock, sent, notifier };
}

describe("typing notifier", () => {
  it("says typing on the first keystroke, not on every one", () => {
    const { clock, sent, notifier } = setup();
    notifier.input("c1");
    clock.advance(500);
    notifier.input("c1");
    expect(sent).toEqual(["c1:true"]);
  });

  it("repeats typing while the agent keeps typing", () => {
    const { clock, sent, notifier } = setup();
    for (let i = 0; i < 8; i += 1) {
      notifier.input("c1");
      clock.advance(1000);
    }
    expect(sent).toEqual(["c1:true", "c1:true", "c1:true"]);
  });

  it("says stopped after a pause", () => {
    const { clock, sent, notifier } = setup();
    notifier.input("c1");
    clock.advance(4000);
    expect(sent).toEqual(["c1:true", "c1:false"]);
  });

  it("says stopped at once on stop, and only once", () => {
    const { clock, sent, notifier } = setup();
    notifier.input("c1");
    notifier.stop("c1");
    notifier.stop("c1");
    clock.advance(10_000);
    expect(sent).toEqual(["c1:true", "c1:false"]);
  });

  it("tracks conversations separately", () => {
    const { sent, notifier } = setup();
    notifier.input("c1");
    notifier.input("c2");
    notifier.stop("c1");
    expect(sent).toEqual(["c1:true", "c2:true", "c1:false"]);
  });

  it("forgets everything on reset without telling the server", () => {
    const { clock, sent, notifier } = setup();
    notifier.input("c1");
    notifier.reset();
    clock.advance(10_000);
    expect(sent).toEqual(["c1:true"]);
  });
});
