import { describe, expect, it } from "vitest";
import {
  dayAvailability,
  InvalidWorkingTimeInputError,
  type ValidationProblem,
  validateDateRange,
  validateException,
  validateUnavailability,
  validateWeeklyHours,
  validateWorkingTimeInput,
} from "../../../src/domain/scheduling/working-time/index.js";

function pathsOf(problems: ValidationProblem[]): string[] {
  return problems.map((problem) => problem.path.join("."));
}

describe("validateWeeklyHours", () => {
  it("accepts touching ranges, 24:00 and a lunch break", () => {
    const problems = validateWeeklyHours({
      days: {
        "1": [
          { start: "13:00", end: "17:00" },
          { start: "09:00", end: "13:00" },
        ],
        "5": [{ start: "20:00", end: "24:00" }],
        "6": [{ start: "08:00", end: "12:00" }],
      },
      lunch: { start: "12:00", end: "13:00" },
      lunchByDay: { "5": { start: "22:00", end: "22:30" }, "6": null },
    });

    expect(problems).toEqual([]);
  });

  it("reports overlapping ranges in a day", () => {
    const problems = validateWeeklyHours({
      days: {
        "1": [
          { start: "09:00", end: "12:00" },
          { start: "11:00", end: "13:00" },
        ],
      },
    });

    expect(problems).toEqual([
      { path: ["days", "1", 1], message: "Range 11:00-13:00 overlaps 09:00-12:00 on the same day." },
    ]);
  });

  it("reports malformed times", () => {
    const problems = validateWeeklyHours({
      days: {
        "2": [
          { start: "9:00", end: "12:00" },
          { start: "24:00", end: "24:00" },
          { start: "13:00", end: "25:00" },
          { start: "14:60", end: "15:00" },
          { start: 9, end: "17:00" },
        ],
      },
    });

    expect(pathsOf(problems)).toEqual([
      "days.2.0.start",
      "days.2.1.start",
      "days.2.2.end",
      "days.2.3.start",
      "days.2.4.start",
    ]);
    expect(problems[0]?.message).toBe(
      'Invalid start "9:00": use HH:MM on a 24-hour clock, from "00:00" to "23:59".',
    );
  });

  it("reports an end not after its start", () => {
    const problems = validateWeeklyHours({ days: { "3": [{ start: "22:00", end: "06:00" }] } });

    expect(problems).toEqual([
      {
        path: ["days", "3", 0, "end"],
        message: 'End 06:00 must be after start 22:00. Split a range that crosses midnight at "24:00".',
      },
    ]);
  });

  it("reports a lunch break outside a day's hours", () => {
    const problems = validateWeeklyHours({
      days: { "1": [{ start: "09:00", end: "17:00" }], "6": [{ start: "08:00", end: "12:00" }] },
      lunch: { start: "12:00", end: "13:00" },
    });

    expect(problems).toEqual([
      {
        path: ["lunch"],
        message:
          'Lunch break 12:00-13:00 is outside the hours of Saturday (6) (08:00-12:00): move it, or set lunchByDay "6" to null.',
      },
    ]);
  });

  it("reports a lunch break on a day without hours", () => {
    const problems = validateWeeklyHours({ days: {}, lunchByDay: { "7": { start: "12:00", end: "13:00" } } });

    expect(pathsOf(problems)).toEqual(["lunchByDay.7"]);
  });

  it("reports unknown fields and weekdays", () => {
    const problems = validateWeeklyHours({
      days: { "0": [], "8": [] },
      lunchBreak: { start: "12:00", end: "13:00" },
    });

    expect(pathsOf(problems)).toEqual(["lunchBreak", "days.0", "days.8"]);
  });

  it("reports missing days", () => {
    expect(pathsOf(validateWeeklyHours({}))).toEqual(["days"]);
    expect(pathsOf(validateWeeklyHours("09:00-17:00"))).toEqual([""]);
  });
});

describe("validateException", () => {
  it("accepts a day off and a dated pattern", () => {
    expect(validateException({ from: "2026-08-03", to: "2026-08-07", hours: "off", label: "Leave" })).toEqual(
      [],
    );
    expect(
      validateException({
        from: "2026-07-01",
        to: "2026-08-31",
        hours: { days: { "1": [{ start: "08:00", end: "15:00" }] } },
        worksOnPublicHolidays: true,
      }),
    ).toEqual([]);
  });

  it("reports dates that do not exist", () => {
    const problems = validateException({ from: "2026-02-30", to: "2026-13-01", hours: "off" });

    expect(pathsOf(problems)).toEqual(["from", "to"]);
    expect(problems[0]?.message).toBe('Invalid date "2026-02-30": use a real date as YYYY-MM-DD.');
  });

  it("reports a range that ends before it starts", () => {
    const problems = validateException({ from: "2026-08-10", to: "2026-08-01", hours: "off" });

    expect(problems).toEqual([{ path: ["to"], message: '"to" 2026-08-01 is before "from" 2026-08-10.' }]);
  });

  it("reports bad hours with their full path", () => {
    const problems = validateException({
      from: "2026-08-01",
      to: "2026-08-01",
      hours: { days: { "6": [{ start: "8h", end: "12:00" }] } },
      worksOnPublicHolidays: "yes",
    });

    expect(pathsOf(problems)).toEqual(["hours.days.6.0.start", "worksOnPublicHolidays"]);
    expect(pathsOf(validateException({ from: "2026-08-01", to: "2026-08-01", hours: "closed" }))).toEqual([
      "hours",
    ]);
  });
});

describe("validateUnavailability", () => {
  const leave = {
    id: "u1",
    start: "2026-07-30T12:00:00+02:00",
    end: "2026-08-05T18:00:00+02:00",
    reason: "leave",
  };

  it("accepts instants with offsets", () => {
    expect(validateUnavailability(leave)).toEqual([]);
    expect(validateUnavailability({ ...leave, start: "2026-07-30T10:00:00Z", note: "Summer" })).toEqual([]);
  });

  it("reports an instant without an offset", () => {
    const problems = validateUnavailability({ ...leave, start: "2026-07-30T12:00:00" });

    expect(problems).toEqual([
      {
        path: ["start"],
        message:
          'Invalid start "2026-07-30T12:00:00": expected an ISO 8601 instant with an offset, such as "2026-07-30T12:00:00+02:00".',
      },
    ]);
  });

  it("reports an end not after its start", () => {
    const problems = validateUnavailability({ ...leave, end: "2026-07-30T10:00:00Z" });

    expect(problems).toEqual([
      { path: ["end"], message: "End 2026-07-30T10:00:00Z must be after start 2026-07-30T12:00:00+02:00." },
    ]);
  });

  it("reports id, reason and date problems", () => {
    const problems = validateUnavailability({
      id: "",
      start: "2026-02-30T09:00:00Z",
      end: leave.end,
      reason: "holiday",
    });

    expect(pathsOf(problems)).toEqual(["id", "start", "reason"]);
  });
});

describe("dayAvailability input checks", () => {
  it("throws every input and range problem", () => {
    const input = {
      zone: "Europe/Pariss",
      weeklyHours: { days: { "1": [{ start: "09:00", end: "08:00" }] } },
      unavailabilities: [
        { id: "u1", start: "2026-06-01T09:00:00", end: "2026-06-01T10:00:00Z", reason: "leave" as const },
      ],
    };

    let error: unknown;
    try {
      dayAvailability(input, { from: "2026-06-10", to: "2026-06-01" });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(InvalidWorkingTimeInputError);
    expect(pathsOf((error as InvalidWorkingTimeInputError).problems)).toEqual([
      "zone",
      "weeklyHours.days.1.0.end",
      "unavailabilities.0.start",
      "range.to",
    ]);
  });

  it("validates the input and the range on their own", () => {
    expect(validateWorkingTimeInput({ zone: "UTC", weeklyHours: { days: {} } })).toEqual([]);
    expect(validateDateRange({ from: "2026-06-01", to: "2026-06-01" })).toEqual([]);
    expect(pathsOf(validateDateRange({ from: "2026-06-31", to: "2026-06-01" }))).toEqual(["from"]);
  });
});
