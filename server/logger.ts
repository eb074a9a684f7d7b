import pino, { type Logger } from "pino";
import type { LogLevel } from "./config.js";

/** JSON lines on stdout; never logs tokens, passwords or cookies. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, redact: ["req.headers.cookie", "password", "token"] });
}
