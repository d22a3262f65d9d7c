import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  dayAvailability,
  isWithinWorkingTime,
  type WallTimeRange,
  workingIntervals,
} from "../../../src/domain/scheduling/working-time/index.js";

const PARIS = "Europe/Paris";
const HOUR_MS = 3_600_000;

/** Returns the working intervals of one Sunday in `zone` with the given Sunday hours. */
function sundayWorking(zone: string, date: string, ranges: WallTimeRange[]) {
  const [day] = workingIntervals({ zone, weeklyHours: { days: { "7": ranges } } }, { from: date, to: date });
  return day?.working ?? [];
}

function lengthInHours(interval: { start: string; end: string }): number {
  return (Date.parse(interval.end) - Date.parse(interval.start)) / HOUR_MS;
}

describe("spring-forward day in Europe/Paris", () => {
  it("uses each day's own offset", () => {
    const days = workingIntervals(
      {
        zone: PARIS,
        weeklyHours: {
          days: {
            "6": [{ start: "13:00", end: "18:00" }],
            "7": [{ start: "13:00", end: "18:00" }],
            "1": [{ start: "09:00", end: "17:00" }],
          },
        },
      },
      { from: "2026-03-28", to: "2026-03-30" },
    );

    expect(days).toEqual([
      {
        date: "2026-03-28",
        working: [{ start: "2026-03-28T12:00:00.000Z", end: "2026-03-28T17:00:00.000Z" }],
      },
      {
        date: "2026-03-29",
        working: [{ start: "2026-03-29T11:00:00.000Z", end: "2026-03-29T16:00:00.000Z" }],
      },
      {
        date: "2026-03-30",
        working: [{ start: "2026-03-30T07:00:00.000Z", end: "2026-03-30T15:00:00.000Z" }],
      },
    ]);
  });

  it("shortens night hours by the gap", () => {
    const working = sundayWorking(PARIS, "2026-03-29", [{ start: "00:00", end: "06:00" }]);

    expect(working).toEqual([{ start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T04:00:00.000Z" }]);
    expect(lengthInHours(working[0]!)).toBe(5);
  });

  it("offers no hourly slot inside the gap", () => {
    const days = dayAvailability(
      { zone: PARIS, weeklyHours: { days: { "7": [{ start: "00:00", end: "06:00" }] } } },
      { from: "2026-03-29", to: "2026-03-29" },
    );
    const slots: string[] = [];
    for (let hour = 0; hour < 23; hour++) {
      const start = Date.parse("2026-03-28T23:00:00.000Z") + hour * HOUR_MS;
      if (isWithinWorkingTime(days, new Date(start), new Date(start + HOUR_MS))) {
        slots.push(DateTime.fromMillis(start, { zone: PARIS }).toISO() ?? "");
      }
    }

    expect(slots).toEqual([
      "2026-03-29T00:00:00.000+01:00",
      "2026-03-29T01:00:00.000+01:00",
      "2026-03-29T03:00:00.000+02:00",
      "2026-03-29T04:00:00.000+02:00",
      "2026-03-29T05:00:00.000+02:00",
    ]);
  });

  it("moves a gap start to 03:00", () => {
    const working = sundayWorking(PARIS, "2026-03-29", [{ start: "02:30", end: "05:00" }]);

    expect(working).toEqual([{ start: "2026-03-29T01:00:00.000Z", end: "2026-03-29T03:00:00.000Z" }]);
  });

  it("moves a gap end to 03:00", () => {
    const working = sundayWorking(PARIS, "2026-03-29", [{ start: "01:00", end: "02:30" }]);

    expect(working).toEqual([{ start: "2026-03-29T00:00:00.000Z", end: "2026-03-29T01:00:00.000Z" }]);
  });

  it("drops hours inside the gap", () => {
    const [day] = dayAvailability(
      { zone: PARIS, weeklyHours: { days: { "7": [{ start: "02:15", end: "02:45" }] } } },
      { from: "2026-03-29", to: "2026-03-29" },
    );

    expect(day?.working).toEqual([]);
    expect(day?.blocked).toEqual([
      { start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z", reason: "outside_hours" },
    ]);
  });

  it("makes the whole day 23 hours long", () => {
    const working = sundayWorking(PARIS, "2026-03-29", [{ start: "00:00", end: "24:00" }]);

    expect(working).toEqual([{ start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" }]);
    expect(lengthInHours(working[0]!)).toBe(23);
  });
});

describe("fall-back day in Europe/Paris", () => {
  it("makes the whole day 25 hours long", () => {
    const working = sundayWorking(PARIS, "2026-10-25", [{ start: "00:00", end: "24:00" }]);

    expect(working).toEqual([{ start: "2026-10-24T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z" }]);
    expect(lengthInHours(working[0]!)).toBe(25);
  });

  it("counts the repeated hour in night hours", () => {
    const working = sundayWorking(PARIS, "2026-10-25", [{ start: "00:00", end: "06:00" }]);

    expect(working).toEqual([{ start: "2026-10-24T22:00:00.000Z", end: "2026-10-25T05:00:00.000Z" }]);
    expect(lengthInHours(working[0]!)).toBe(7);
  });

  it("starts at the earlier 02:30", () => {
    const working = sundayWorking(PARIS, "2026-10-25", [{ start: "02:30", end: "05:00" }]);

    expect(working).toEqual([{ start: "2026-10-25T00:30:00.000Z", end: "2026-10-25T04:00:00.000Z" }]);
  });

  it("ends at the later 02:30", () => {
    const working = sundayWorking(PARIS, "2026-10-25", [{ start: "00:00", end: "02:30" }]);

    expect(working).toEqual([{ start: "2026-10-24T22:00:00.000Z", end: "2026-10-25T01:30:00.000Z" }]);
  });

  it("uses the winter offset for daytime hours", () => {
    const days = workingIntervals(
      {
        zone: PARIS,
        weeklyHours: {
          days: { "6": [{ start: "09:00", end: "17:00" }], "7": [{ start: "09:00", end: "17:00" }] },
        },
      },
      { from: "2026-10-24", to: "2026-10-25" },
    );

    expect(days).toEqual([
      {
        date: "2026-10-24",
        working: [{ start: "2026-10-24T07:00:00.000Z", end: "2026-10-24T15:00:00.000Z" }],
      },
      {
        date: "2026-10-25",
        working: [{ start: "2026-10-25T08:00:00.000Z", end: "2026-10-25T16:00:00.000Z" }],
      },
    ]);
  });
});

describe("clock changes in America/New_York", () => {
  it("shortens night hours on spring-forward day", () => {
    const working = sundayWorking("America/New_York", "2026-03-08", [{ start: "00:00", end: "06:00" }]);

    expect(working).toEqual([{ start: "2026-03-08T05:00:00.000Z", end: "2026-03-08T10:00:00.000Z" }]);
  });

  it("starts early and ends late in the repeated hour", () => {
    const working = sundayWorking("America/New_York", "2026-11-01", [
      { start: "01:30", end: "03:00" },
      { start: "22:00", end: "24:00" },
    ]);

    expect(working).toEqual([
      { start: "2026-11-01T05:30:00.000Z", end: "2026-11-01T08:00:00.000Z" },
      { start: "2026-11-02T03:00:00.000Z", end: "2026-11-02T05:00:00.000Z" },
    ]);
    expect(sundayWorking("America/New_York", "2026-11-01", [{ start: "00:00", end: "01:30" }])).toEqual([
      { start: "2026-11-01T04:00:00.000Z", end: "2026-11-01T06:30:00.000Z" },
    ]);
  });
});

describe("working time across midnight", () => {
  it("lets a visit cross midnight", () => {
    const days = dayAvailability(
      {
        zone: PARIS,
        weeklyHours: {
          days: { "5": [{ start: "20:00", end: "24:00" }], "6": [{ start: "00:00", end: "04:00" }] },
        },
      },
      { from: "2026-06-12", to: "2026-06-13" },
    );

    expect(isWithinWorkingTime(days, "2026-06-12T23:00:00+02:00", "2026-06-13T01:00:00+02:00")).toBe(true);
    expect(isWithinWorkingTime(days, "2026-06-13T03:30:00+02:00", "2026-06-13T04:30:00+02:00")).toBe(false);
  });
});
