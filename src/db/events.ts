import { sql } from "drizzle-orm";
import pg from "pg";
import type { Logger } from "pino";
import { type DatabaseHandle, type Executor, queryRows } from "./database.js";

/** The one notification channel; payloads carry ids only, never data. */
const CHANNEL = "rondo_changes";

export interface ChangeEvent {
  organizationId: string;
  businessUnitId: string;
  /** What changed, such as "activity", "unavailability" or "worker". */
  kind: string;
  id: string;
}

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Change notifications between server processes. Writers call `notifyChange` inside their
 * transaction, so a notification leaves only if the change commits. On PostgreSQL a dedicated
 * connection LISTENs (and reconnects after a failure); on PGlite the notification stays in the
 * process, which is the only one allowed on that database.
 */
export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}

export async function notifyChange(db: Executor, event: ChangeEvent): Promise<void> {
  await queryRows(db, sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);
}

export async function openChangeFeed(
  database: DatabaseHandle,
  databaseUrl: string | undefined,
  logger: Logger,
): Promise<ChangeFeed> {
  const listeners = new Set<ChangeListener>();
  const dispatch = (payload: string) => {
    let event: ChangeEvent;
    try {
      event = JSON.parse(payload) as ChangeEvent;
    } catch {
      logger.warn({ channel: CHANNEL }, "ignored a malformed change notification");
      return;
    }
    for (const listener of listeners) listener(event);
  };
  const subscribe = (listener: ChangeListener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  if (database.pglite) {
    const unlisten = await database.pglite.listen(CHANNEL, dispatch);
    return { subscribe, close: () => unlisten() };
  }
  if (!databaseUrl) throw new Error("A PostgreSQL change feed needs the database address.");
  const listener = new ServerListener(databaseUrl, dispatch, logger);
  await listener.start();
  return { subscribe, close: () => listener.stop() };
}

/** A dedicated LISTEN connection that reconnects with a growing delay, up to 30 seconds. */
class ServerListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryDelayMs = 500;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly dispatch: (payload: string) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, options: "-c TimeZone=UTC" });
    client.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload) this.dispatch(message.payload);
    });
    client.on("error", (error) => {
      this.logger.warn({ err: error }, "change feed connection failed; reconnecting");
      this.reconnectLater();
    });
    client.on("end", () => this.reconnectLater());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    this.retryDelayMs = 500;
  }

  private reconnectLater(): void {
    if (this.stopped || this.retryTimer) return;
    const old = this.client;
    this.client = undefined;
    old?.removeAllListeners();
    old?.end().catch(() => {});
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = undefined;
      try {
        await this.start();
        this.logger.info("change feed reconnected");
      } catch (error) {
        this.logger.warn({ err: error, retryInMs: this.retryDelayMs }, "change feed reconnect failed");
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
        this.reconnectLater();
      }
    }, this.retryDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners();
      await client.end().catch(() => {});
    }
  }
}
