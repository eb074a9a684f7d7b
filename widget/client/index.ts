// The headless chat client's public surface.
export { createChatClient } from "./client.js";
export { createMemoryStorage, STORAGE_KEYS, withMemoryCopy, type StoragePort } from "./storage.js";
export { createLocalStorage } from "./local-storage.js";
export type { IoFactory } from "./transport.js";
export type { BackoffOptions } from "./backoff.js";
export type * from "./types.js";
