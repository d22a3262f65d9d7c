import { parseInstant } from "./calendar.js";
import { checkKnownFields, checkLocalDate, isRecord, type Path } from "./problems.js";
import { UNAVAILABILITY_REASONS, type ValidationProblem } from "./types.js";
import { validateWeeklyHours } from "./validate-hours.js";
import { loadZone } from "./wall-time.js";

/**
 * Validators for the stored shapes. Each returns every problem it finds, with a path from the
 * validated value and a message that names the value and the fix. An empty list means valid.
 */

/** Checks a HoursException value: real dates with from ≤ to, and "off" or valid weekly hours. */
export function validateException(value: unknown, path: Path = []): ValidationProblem[] {
  if (!isRecord(value)) {
    return [
      {
        path,
        message:
          'An exception must be an object such as { "from": "2026-08-03", "to": "2026-08-07", "hours": "off" }.',
      },
    ];
  }
  const problems = checkKnownFields(value, ["from", "to", "hours", "label", "worksOnPublicHolidays"], path);

  const from = checkLocalDate(value.from, [...path, "from"], problems);
  const to = checkLocalDate(value.to, [...path, "to"], problems);
  if (from !== undefined && to !== undefined && from > to) {
    problems.push({ path: [...path, "to"], message: `"to" ${value.to} is before "from" ${value.from}.` });
  }

  if (isRecord(value.hours)) {
    problems.push(...validateWeeklyHours(value.hours, [...path, "hours"]));
  } else if (value.hours !== "off") {
    problems.push({
      path: [...path, "hours"],
      message: `Invalid hours ${JSON.stringify(value.hours)}: expected "off" or weekly hours.`,
    });
  }
  if (value.label !== undefined && typeof value.label !== "string") {
    problems.push({ path: [...path, "label"], message: "Invalid label: expected text." });
  }
  if (value.worksOnPublicHolidays !== undefined && typeof value.worksOnPublicHolidays !== "boolean") {
    problems.push({
      path: [...path, "worksOnPublicHolidays"],
      message: "Invalid worksOnPublicHolidays: expected true or false.",
    });
  }
  return problems;
}

/** Checks an Unavailability value: id, instants with explicit offsets, end after start, known reason. */
export function validateUnavailability(value: unknown, path: Path = []): ValidationProblem[] {
  if (!isRecord(value)) {
    return [{ path, message: "An unavailability must be an object with id, start, end and reason." }];
  }
  const problems = checkKnownFields(value, ["id", "start", "end", "reason", "note"], path);

  if (typeof value.id !== "string" || value.id === "") {
    problems.push({ path: [...path, "id"], message: "Missing id: expected non-empty text." });
  }
  const instants = (["start", "end"] as const).map((field) => {
    const instant = typeof value[field] === "string" ? parseInstant(value[field]) : undefined;
    if (instant === undefined) {
      problems.push({
        path: [...path, field],
        message: `Invalid ${field} ${JSON.stringify(value[field])}: expected an ISO 8601 instant with an offset, such as "2026-07-30T12:00:00+02:00".`,
      });
    }
    return instant;
  });
  const [start, end] = instants;
  if (start !== undefined && end !== undefined && end <= start) {
    problems.push({
      path: [...path, "end"],
      message: `End ${value.end} must be after start ${value.start}.`,
    });
  }

  if (!(UNAVAILABILITY_REASONS as readonly unknown[]).includes(value.reason)) {
    problems.push({
      path: [...path, "reason"],
      message: `Invalid reason ${JSON.stringify(value.reason)}: expected ${UNAVAILABILITY_REASONS.join(", ")}.`,
    });
  }
  if (value.note !== undefined && typeof value.note !== "string") {
    problems.push({ path: [...path, "note"], message: "Invalid note: expected text." });
  }
  return problems;
}

/** Checks a list field of the working-time input with the validator of its items. */
function checkList(
  value: unknown,
  path: Path,
  validateItem: (item: unknown, itemPath: Path) => ValidationProblem[],
) {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [{ path, message: "Expected a list." }];
  return value.flatMap((item, index) => validateItem(item, [...path, index]));
}

function validateHoliday(value: unknown, path: Path): ValidationProblem[] {
  if (!isRecord(value))
    return [
      {
        path,
        message: 'A holiday must be an object such as { "date": "2026-07-14", "name": "Bastille Day" }.',
      },
    ];
  const problems: ValidationProblem[] = [];
  checkLocalDate(value.date, [...path, "date"], problems);
  if (typeof value.name !== "string")
    problems.push({ path: [...path, "name"], message: "Missing name: expected text." });
  return problems;
}

/** Checks a whole WorkingTimeInput: the zone and every nested value. */
export function validateWorkingTimeInput(value: unknown): ValidationProblem[] {
  if (!isRecord(value)) return [{ path: [], message: "Working-time input must be an object." }];

  const problems: ValidationProblem[] = [];
  if (typeof value.zone !== "string" || !loadZone(value.zone)) {
    problems.push({
      path: ["zone"],
      message: `Unknown time zone ${JSON.stringify(value.zone)}: use an IANA name such as "Europe/Paris".`,
    });
  }
  problems.push(...validateWeeklyHours(value.weeklyHours, ["weeklyHours"]));
  problems.push(...checkList(value.exceptions, ["exceptions"], validateException));
  problems.push(...checkList(value.holidays, ["holidays"], validateHoliday));
  problems.push(...checkList(value.unavailabilities, ["unavailabilities"], validateUnavailability));
  return problems;
}

/** Checks a DateRange: real dates with from ≤ to. */
export function validateDateRange(value: unknown): ValidationProblem[] {
  if (!isRecord(value))
    return [
      {
        path: [],
        message: 'A date range must be an object such as { "from": "2026-06-01", "to": "2026-06-30" }.',
      },
    ];
  const problems: ValidationProblem[] = [];
  const from = checkLocalDate(value.from, ["from"], problems);
  const to = checkLocalDate(value.to, ["to"], problems);
  if (from !== undefined && to !== undefined && from > to) {
    problems.push({ path: ["to"], message: `"to" ${value.to} is before "from" ${value.from}.` });
  }
  return problems;
}
