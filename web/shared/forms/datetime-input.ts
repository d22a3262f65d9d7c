import { DateTime } from "luxon";

/**
 * Converts a stored instant (ISO 8601 with an offset) to the value of an
 * `<input type="datetime-local">` in `timeZone`, such as "2025-03-31T08:30". Returns "" for an
 * absent or unreadable value.
 */
export function instantToLocalInput(value: unknown, timeZone: string | undefined): string {
  if (typeof value !== "string" || value === "") {
    return "";
  }
  const instant = DateTime.fromISO(value, { setZone: true });
  if (!instant.isValid) {
    return "";
  }
  const zoned = timeZone ? instant.setZone(timeZone) : instant.toLocal();
  return zoned.toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * Converts the value of an `<input type="datetime-local">`, read as a wall time in `timeZone`
 * (the browser's zone when absent), to an instant with its offset, such as
 * "2025-03-31T08:30:00+02:00". Returns undefined for an empty or unreadable value.
 */
export function localInputToInstant(local: string, timeZone: string | undefined): string | undefined {
  if (local === "") {
    return undefined;
  }
  const wallTime = DateTime.fromISO(local, { zone: timeZone ?? "local" });
  return wallTime.isValid ? (wallTime.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}
