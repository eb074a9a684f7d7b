// The headless chat client's public surface.
export { createChatClient, type ChatClient, type ChatClientOptions } from "./client.js";
export { createMemoryStorage, STORAGE_KEYS, type StoragePort } from "./storage.js";
export { createLocalStorage } from "./local-storage.js";
export type { IoFactory } from "./transport.js";
export type { BackoffOptions } from "./backoff.js";
export type * from "./types.js";
