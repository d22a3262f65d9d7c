import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

/**
 * Every setting Rondo reads from the environment. Each one is documented in `.env.example`;
 * keep the two in step.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(8760).default(12),
  SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(8760).default(2),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  PASSWORD_HASH_COST: z.enum(["normal", "low"]).default("normal"),
  GEOCODER_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAP_TILE_URL: z
    .string()
    .regex(/^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, "must be an https URL template with {z}, {x} and {y}")
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z.string().default("© OpenStreetMap contributors"),
  GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  OSRM_URL: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !/[?#]/.test(url), "must not contain a query string or fragment")
    .optional(),
  OSRM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "use smtp://user:pass@host:port or smtps://…" }).optional(),
  MAIL_FROM: z.email("use an email address such as rondo@example.com").default("rondo@localhost"),
  SMS_TRANSPORT: z.enum(["log", "http"]).default("log"),
  SMS_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_HTTP_TOKEN: z.string().min(1).optional(),
  SMS_SENDER: z.string().min(1).max(15).default("Rondo"),
  /** ISO country codes, comma separated; default: the countries of the organization's units. */
  SMS_ALLOWED_COUNTRIES: z
    .string()
    .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/, "use ISO country codes separated by commas, such as FR,BE")
    .optional(),
  DISPATCHER_IN_SERVER: z.stringbool().default(true),
  OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  env: Environment["NODE_ENV"];
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  secureCookies: boolean;
  secretKey: string;
  logLevel: Environment["LOG_LEVEL"];
  trustProxy: boolean;
  sessionTtlHours: number;
  sessionIdleHours: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginWindowMinutes: number;
  /** "low" makes argon2id cheap; only tests set it. */
  passwordHashCost: Environment["PASSWORD_HASH_COST"];
  /** Base address of the API Adresse service; geocoding is off when unset. */
  geocoderUrl: string | undefined;
  geocoderTimeoutMs: number;
  /** Leaflet tile URL template; its origin is allowed as an image source by the CSP. */
  mapTileUrl: string;
  mapTileAttribution: string;
  /** Base address of an OSRM server for travel times. The built-in estimate is used when unset. */
  osrmUrl: string | undefined;
  osrmTimeoutMs: number;
  /** SMTP server for email; without it, emails stay in the back office's Messages (local transport). */
  smtpUrl: string | undefined;
  mailFrom: string;
  smsTransport: Environment["SMS_TRANSPORT"];
  smsHttpUrl: string | undefined;
  smsHttpToken: string | undefined;
  smsSender: string;
  /** Countries SMS may go to; undefined means those of the organization's business units. */
  smsAllowedCountries: string[] | undefined;
  /** Whether `rondo serve` also drains the outbox; turn off when `rondo worker` runs apart. */
  dispatcherInServer: boolean;
  outboxPollSeconds: number;
  /** How long a dispatcher's claim lasts before another may take the message over. */
  outboxLeaseSeconds: number;
  sendTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validates the environment and returns the settings, or throws a ConfigError listing every
 * problem at once. In development, a missing SECRET_KEY is generated into DATA_DIR so that
 * sessions and codes survive a restart.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const value = source[name];
        const shown = value === undefined ? "" : ` (got "${redact(name, value)}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const environment = parsed.data;
  const problems: string[] = [];
  if (environment.NODE_ENV === "production" && !environment.SECRET_KEY) {
    problems.push("SECRET_KEY: required when NODE_ENV=production (at least 32 random characters)");
  }
  if (environment.NODE_ENV === "production" && !environment.PUBLIC_URL) {
    problems.push("PUBLIC_URL: required when NODE_ENV=production (the address users open)");
  }
  if (environment.SMS_TRANSPORT === "http" && (!environment.SMS_HTTP_URL || !environment.SMS_HTTP_TOKEN)) {
    problems.push("SMS_HTTP_URL and SMS_HTTP_TOKEN: required when SMS_TRANSPORT=http");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(environment.DATA_DIR);
  const publicUrl = (
    environment.PUBLIC_URL ?? `http://${displayHost(environment.HOST)}:${environment.PORT}`
  ).replace(/\/+$/, "");
  return {
    env: environment.NODE_ENV,
    host: environment.HOST,
    port: environment.PORT,
    dataDir,
    databaseUrl: environment.DATABASE_URL,
    publicUrl,
    secureCookies: publicUrl.startsWith("https://"),
    secretKey: environment.SECRET_KEY ?? readOrCreateSecretKey(dataDir),
    logLevel: environment.LOG_LEVEL,
    trustProxy: environment.TRUST_PROXY,
    sessionTtlHours: environment.SESSION_TTL_HOURS,
    sessionIdleHours: environment.SESSION_IDLE_HOURS,
    loginMaxFailuresPerAccount: environment.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerIp: environment.LOGIN_MAX_FAILURES_PER_IP,
    loginWindowMinutes: environment.LOGIN_WINDOW_MINUTES,
    passwordHashCost: environment.PASSWORD_HASH_COST,
    geocoderUrl: environment.GEOCODER_URL,
    mapTileUrl: environment.MAP_TILE_URL,
    mapTileAttribution: environment.MAP_TILE_ATTRIBUTION,
    geocoderTimeoutMs: environment.GEOCODER_TIMEOUT_MS,
    osrmUrl: environment.OSRM_URL,
    osrmTimeoutMs: environment.OSRM_TIMEOUT_MS,
    smtpUrl: environment.SMTP_URL,
    mailFrom: environment.MAIL_FROM,
    smsTransport: environment.SMS_TRANSPORT,
    smsHttpUrl: environment.SMS_HTTP_URL,
    smsHttpToken: environment.SMS_HTTP_TOKEN,
    smsSender: environment.SMS_SENDER,
    smsAllowedCountries: environment.SMS_ALLOWED_COUNTRIES?.toUpperCase().split(","),
    dispatcherInServer: environment.DISPATCHER_IN_SERVER,
    outboxPollSeconds: environment.OUTBOX_POLL_SECONDS,
    outboxLeaseSeconds: environment.OUTBOX_LEASE_SECONDS,
    sendTimeoutMs: environment.SEND_TIMEOUT_MS,
  };
}

/** Treats `NAME=` in a .env file or shell as unset, so that the default applies. */
function withoutEmptyValues(source: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== "") result[name] = value.trim();
  }
  return result;
}

function redact(name: string, value: string): string {
  if (name === "SECRET_KEY" || name === "SMS_HTTP_TOKEN") return "***";
  if (name === "DATABASE_URL" || name === "OSRM_URL" || name === "SMTP_URL")
    return value.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  return value;
}

function displayHost(host: string): string {
  return host === "0.0.0.0" || host === "::" ? "localhost" : host;
}

function readOrCreateSecretKey(dataDir: string): string {
  const path = join(dataDir, "secret.key");
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return key;
}
