// THE wire protocol, shared by server, widget and console. Browser code imports it with `import type` only.
export * from "./ack.js";
export * from "./events.js";
export * from "./ids.js";
export * from "./schemas.js";
export * from "./selfservice.js";
export * from "./views.js";
export * from "./admin.js";
