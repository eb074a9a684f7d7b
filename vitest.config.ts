import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    maxWorkers: 2,
    // A condition polled for (a page updating, a server catching up) gets 5 s, not vitest's 1 s: with the whole suite
    // on two cores a browser can take longer than a second to show what it was sent. A poll still fails when its
    // condition never comes; tests that wait longer on purpose give their own timeout.
    expect: { poll: { timeout: 5_000 } },
  },
});
