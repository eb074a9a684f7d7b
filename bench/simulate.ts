// The simulator's command: the real routing, queue and estimate code under a virtual clock (see bench/simulator/).
import { runSimulate } from "./simulator/cli.js";

process.exitCode = await runSimulate(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
