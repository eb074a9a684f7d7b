// A load process (`dist/bench/load/driver.js`, forked by the benchmark): plays agents and customers over real
// sockets and answers each command of driver-protocol.ts in order. It never measures the server itself.
import { closeCrowd, connectAgents, connectCustomers, createCrowd, startChats } from "./crowd.js";
import type { DriverCommand, DriverReply } from "./driver-protocol.js";
import { runLoad } from "./sender.js";

const crowd = createCrowd();
let queue = Promise.resolve();

async function handle(command: DriverCommand): Promise<DriverReply> {
  switch (command.type) {
    case "agents":
      await connectAgents(crowd, command.url, command.agents);
      return { type: "ok" };
    case "customers":
      return { type: "ok", rateLimited: await connectCustomers(crowd, command.urls, command.first, command.count) };
    case "chats":
      await startChats(crowd, command.language, command.count);
      return { type: "ok" };
    case "run":
      return { type: "run", sample: await runLoad(crowd, command) };
    case "close":
      closeCrowd(crowd);
      return { type: "ok" };
  }
}

process.on("message", (command: DriverCommand) => {
  queue = queue.then(async () => {
    const reply = await handle(command).catch((error: unknown): DriverReply => ({ type: "error", message: (error as Error).message }));
    process.send!(reply);
    if (command.type === "close") process.disconnect();
  });
});
// The benchmark going away (or a crash there) ends this process too.
process.on("disconnect", () => {
  closeCrowd(crowd);
  setTimeout(() => process.exit(0), 100).unref();
});
