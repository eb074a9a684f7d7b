import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config.js";

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
export const REDACTED_PATHS = ["req.headers.cookie", "req.headers.authorization", "password", "token", "*.password", "*.token", "*.text", "text"];

/** JSON lines on stdout (or `destination`); never logs tokens, passwords, cookies or message text. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, redact: REDACTED_PATHS };
  return destination ? pino(options, destination) : pino(options);
}
