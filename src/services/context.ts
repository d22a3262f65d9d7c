import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import type { ChangeFeed } from "../db/events.js";
import type { Clock } from "../domain/clock.js";
import type { TravelEstimateSettings } from "../domain/scheduling/travel.js";
import type { Geocoder } from "../integrations/geocoding/index.js";
import type { TravelTimeProvider } from "../integrations/travel/provider.js";
import type { PasswordHasher, SecretHasher } from "./secrets.js";

/** What services need from the outside world; built once per process (or per test). */
export interface ServiceContext {
  db: Database;
  clock: Clock;
  config: Config;
  secrets: SecretHasher;
  passwords: PasswordHasher;
  logger: Logger;
  /** Address search; absent when GEOCODER_URL is not configured. */
  geocoder?: Geocoder;
  /** Travel times from the routing engine when OSRM_URL is set; the built-in estimate otherwise. */
  travel?: { forUnit(settings: TravelEstimateSettings): TravelTimeProvider };
  /** Change notifications between processes, for live screens; absent in short commands. */
  changeFeed?: ChangeFeed;
}
