// The `parley` command (bin/parley.mjs runs the bundle of this file).
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
