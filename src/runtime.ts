import type { Logger } from "pino";
import type { Config } from "./config.js";
import { type DatabaseHandle, openDatabase } from "./db/database.js";
import { openChangeFeed } from "./db/events.js";
import { migrate } from "./db/migrate.js";
import { type Clock, systemClock } from "./domain/clock.js";
import { createGeocoder } from "./integrations/geocoding/index.js";
import { createTravelProviders } from "./integrations/travel/index.js";
import { OutboxDispatcher } from "./jobs/dispatcher.js";
import { createTransports } from "./jobs/transports.js";
import type { ServiceContext } from "./services/context.js";
import { PasswordHasher, SecretHasher } from "./services/secrets.js";

/** Opens the change feed that live screens listen to; only long-running processes need it. */
export async function attachChangeFeed(runtime: Runtime): Promise<void> {
  runtime.context.changeFeed = await openChangeFeed(
    runtime.database,
    runtime.context.config.databaseUrl,
    runtime.context.logger,
  );
}

/** Starts draining the outbox in this process, with the configured transports. */
export function startDispatcher(runtime: Runtime): OutboxDispatcher {
  const { config, logger, clock } = runtime.context;
  const transports = createTransports(config, logger);
  const dispatcher = new OutboxDispatcher({
    db: runtime.context.db,
    clock,
    logger,
    email: transports.email,
    sms: transports.sms,
    mailFrom: config.mailFrom,
    smsSender: config.smsSender,
    changeFeed: runtime.context.changeFeed,
    pollSeconds: config.outboxPollSeconds,
    leaseSeconds: config.outboxLeaseSeconds,
  });
  dispatcher.start();
  logger.info(
    { dispatcher: dispatcher.id, email: transports.email.name, sms: transports.sms.name },
    "outbox dispatcher started",
  );
  return dispatcher;
}

export interface Runtime {
  context: ServiceContext;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Opens the configured database (a PostgreSQL server when DATABASE_URL is set, else the
 * embedded one in DATA_DIR under its lock), applies pending migrations and wires the services.
 */
export async function startRuntime(
  config: Config,
  logger: Logger,
  command: string,
  clock: Clock = systemClock,
): Promise<Runtime> {
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: "postgres", url: config.databaseUrl }
      : { kind: "pglite", dataDir: config.dataDir, command },
  );
  try {
    const applied = await migrate(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");
  } catch (error) {
    await database.close();
    throw error;
  }
  const context: ServiceContext = {
    db: database.db,
    clock,
    config,
    logger,
    secrets: new SecretHasher(config.secretKey),
    passwords: new PasswordHasher(config.passwordHashCost),
    geocoder: createGeocoder(config),
    travel: createTravelProviders(config, logger),
  };
  return {
    context,
    database,
    close: async () => {
      await context.changeFeed?.close();
      await database.close();
    },
  };
}
