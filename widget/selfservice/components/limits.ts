import type { SelfServiceConfig } from "../api.js";

/** The documented defaults (5 files of 10 MB), used until the configuration has arrived. */
export const DEFAULT_LIMITS = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 } as const;

/** The file limits of a configuration, or the defaults. */
export const limitsOf = (config: SelfServiceConfig | null) => (config ? { maxFiles: config.maxFiles, maxFileBytes: config.maxFileBytes } : DEFAULT_LIMITS);
