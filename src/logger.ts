import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import type { Config } from "./config.js";

/** Paths that may carry secrets; pino replaces their values before a line is written. */
const REDACTED_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
  "password",
  "*.password",
  "token",
  "*.token",
];

/** JSON lines in production; readable lines in development; nothing in tests unless asked. */
export function createLogger(config: Pick<Config, "env" | "logLevel">): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  if (config.env === "development") {
    // Synchronous, so that short commands print their lines before they exit.
    return pino(options, pretty({ sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" }));
  }
  return pino(options);
}
