import { DateTime, Settings } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import {
  type DayAvailability,
  dayAvailability,
  explainOutsideWorkingTime,
  isWithinWorkingTime,
  type WeeklyHours,
  type WorkingTimeInput,
  workingIntervals,
} from "../../../src/domain/scheduling/working-time/index.js";

const PARIS = "Europe/Paris";
const nineToFive = [{ start: "09:00", end: "17:00" }];
const weekdaysNineToFive: WeeklyHours = {
  days: { "1": nineToFive, "2": nineToFive, "3": nineToFive, "4": nineToFive, "5": nineToFive },
};

/**
 * Lists the local start times ("HH:mm") of visits of `serviceMinutes` that fit in working time,
 * trying a start every `stepMinutes` from each day's midnight.
 */
function fittingStarts(days: DayAvailability[], zone: string, serviceMinutes: number, stepMinutes: number) {
  const starts: Record<string, string[]> = {};
  for (const day of days) {
    const parts = [...day.working, ...day.blocked];
    const dayStart = Math.min(...parts.map((interval) => Date.parse(interval.start)));
    const dayEnd = Math.max(...parts.map((interval) => Date.parse(interval.end)));
    const fitting: string[] = [];
    for (let start = dayStart; start + serviceMinutes * 60_000 <= dayEnd; start += stepMinutes * 60_000) {
      if (isWithinWorkingTime(days, new Date(start), new Date(start + serviceMinutes * 60_000))) {
        fitting.push(DateTime.fromMillis(start, { zone }).toFormat("HH:mm"));
      }
    }
    starts[day.date] = fitting;
  }
  return starts;
}

function workingOf(days: { date: string; working: { start: string; end: string }[] }[]) {
  return Object.fromEntries(days.map((day) => [day.date, day.working.map((i) => `${i.start}/${i.end}`)]));
}

describe("dayAvailability with weekly hours and lunch", () => {
  const input: WorkingTimeInput = {
    zone: PARIS,
    weeklyHours: { ...weekdaysNineToFive, lunch: { start: "12:00", end: "13:00" } },
  };

  it("splits a day by reason", () => {
    const [thursday] = dayAvailability(input, { from: "2026-06-11", to: "2026-06-11" });

    expect(thursday).toEqual({
      date: "2026-06-11",
      working: [
        { start: "2026-06-11T07:00:00.000Z", end: "2026-06-11T10:00:00.000Z" },
        { start: "2026-06-11T11:00:00.000Z", end: "2026-06-11T15:00:00.000Z" },
      ],
      blocked: [
        { start: "2026-06-10T22:00:00.000Z", end: "2026-06-11T07:00:00.000Z", reason: "outside_hours" },
        { start: "2026-06-11T10:00:00.000Z", end: "2026-06-11T11:00:00.000Z", reason: "lunch" },
        { start: "2026-06-11T15:00:00.000Z", end: "2026-06-11T22:00:00.000Z", reason: "outside_hours" },
      ],
    });
  });

  it("blocks a weekend day without hours entirely", () => {
    const [saturday] = dayAvailability(input, { from: "2026-06-13", to: "2026-06-13" });

    expect(saturday?.working).toEqual([]);
    expect(saturday?.blocked).toEqual([
      { start: "2026-06-12T22:00:00.000Z", end: "2026-06-13T22:00:00.000Z", reason: "outside_hours" },
    ]);
  });

  it("returns working intervals only", () => {
    const days = workingIntervals(input, { from: "2026-06-12", to: "2026-06-13" });

    expect(days).toEqual([
      {
        date: "2026-06-12",
        working: [
          { start: "2026-06-12T07:00:00.000Z", end: "2026-06-12T10:00:00.000Z" },
          { start: "2026-06-12T11:00:00.000Z", end: "2026-06-12T15:00:00.000Z" },
        ],
      },
      { date: "2026-06-13", working: [] },
    ]);
  });
});

describe("explainOutsideWorkingTime", () => {
  const days = dayAvailability(
    { zone: PARIS, weeklyHours: { ...weekdaysNineToFive, lunch: { start: "12:00", end: "13:00" } } },
    { from: "2026-06-11", to: "2026-06-12" },
  );

  it("reports a visit running into lunch", () => {
    const conflict = explainOutsideWorkingTime(
      days,
      "2026-06-11T11:30:00+02:00",
      "2026-06-11T12:30:00+02:00",
    );

    expect(conflict).toEqual({
      date: "2026-06-11",
      start: "2026-06-11T10:00:00.000Z",
      end: "2026-06-11T11:00:00.000Z",
      reason: "lunch",
    });
  });

  it("accepts visits that only touch lunch", () => {
    expect(isWithinWorkingTime(days, "2026-06-11T11:00:00+02:00", "2026-06-11T12:00:00+02:00")).toBe(true);
    expect(isWithinWorkingTime(days, "2026-06-11T13:00:00+02:00", "2026-06-11T14:00:00+02:00")).toBe(true);
    expect(isWithinWorkingTime(days, "2026-06-11T11:00:00Z", "2026-06-11T15:00:00Z")).toBe(true);
  });

  it("reports the end of the day", () => {
    const conflict = explainOutsideWorkingTime(
      days,
      "2026-06-11T16:30:00+02:00",
      "2026-06-11T17:30:00+02:00",
    );

    expect(conflict?.reason).toBe("outside_hours");
    expect(conflict?.start).toBe("2026-06-11T15:00:00.000Z");
    expect(isWithinWorkingTime(days, "2026-06-11T16:30:00+02:00", "2026-06-11T17:30:00+02:00")).toBe(false);
  });

  it("reports the earliest of several reasons", () => {
    const conflict = explainOutsideWorkingTime(
      days,
      "2026-06-11T08:00:00+02:00",
      "2026-06-11T14:00:00+02:00",
    );

    expect(conflict?.reason).toBe("outside_hours");
    expect(conflict?.end).toBe("2026-06-11T07:00:00.000Z");
  });

  it("finds the lunch-free slots of a split day", () => {
    const splitDay = dayAvailability(
      {
        zone: PARIS,
        weeklyHours: {
          days: {
            "4": [
              { start: "09:30", end: "12:00" },
              { start: "13:00", end: "17:00" },
            ],
          },
          lunch: { start: "12:00", end: "13:00" },
        },
      },
      { from: "2026-06-11", to: "2026-06-11" },
    );

    expect(fittingStarts(splitDay, PARIS, 60, 30)).toEqual({
      "2026-06-11": [
        "09:30",
        "10:00",
        "10:30",
        "11:00",
        "13:00",
        "13:30",
        "14:00",
        "14:30",
        "15:00",
        "15:30",
        "16:00",
      ],
    });
  });

  it("rejects instants without an offset", () => {
    expect(() => isWithinWorkingTime(days, "2026-06-11T12:00:00", "2026-06-11T13:00:00+02:00")).toThrow(
      RangeError,
    );
  });

  it("rejects an end that is not after the start", () => {
    expect(() => isWithinWorkingTime(days, "2026-06-11T12:00:00Z", "2026-06-11T12:00:00Z")).toThrow(
      RangeError,
    );
  });

  it("rejects an interval on dates not computed", () => {
    expect(() => isWithinWorkingTime(days, "2026-06-12T16:00:00Z", "2026-06-13T09:00:00Z")).toThrow(
      /not covered by the computed days/,
    );
  });
});

describe("unavailability over several days", () => {
  const holiday = {
    id: "leave-1",
    start: "2026-07-30T12:00:00+02:00",
    end: "2026-08-05T18:00:00+02:00",
    reason: "leave" as const,
  };
  const input: WorkingTimeInput = {
    zone: PARIS,
    weeklyHours: weekdaysNineToFive,
    unavailabilities: [holiday],
  };

  it("blocks every covered day, not only the first", () => {
    const days = dayAvailability(input, { from: "2026-07-27", to: "2026-08-09" });

    expect(fittingStarts(days, PARIS, 60, 60)).toEqual({
      "2026-07-27": ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"],
      "2026-07-28": ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"],
      "2026-07-29": ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"],
      "2026-07-30": ["09:00", "10:00", "11:00"],
      "2026-07-31": [],
      "2026-08-01": [],
      "2026-08-02": [],
      "2026-08-03": [],
      "2026-08-04": [],
      "2026-08-05": [],
      "2026-08-06": ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"],
      "2026-08-07": ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"],
      "2026-08-08": [],
      "2026-08-09": [],
    });
  });

  it("blocks days of an earlier-starting unavailability", () => {
    const days = dayAvailability(input, { from: "2026-08-01", to: "2026-08-31" });
    const byDate = Object.fromEntries(days.map((day) => [day.date, day]));

    for (const date of ["2026-08-03", "2026-08-04", "2026-08-05"]) {
      expect(byDate[date]?.working, date).toEqual([]);
    }
    expect(byDate["2026-08-05"]?.blocked).toContainEqual({
      start: "2026-08-05T07:00:00.000Z",
      end: "2026-08-05T15:00:00.000Z",
      reason: "unavailable",
      unavailabilityId: "leave-1",
      unavailabilityReason: "leave",
    });
    expect(byDate["2026-08-06"]?.working).toEqual([
      { start: "2026-08-06T07:00:00.000Z", end: "2026-08-06T15:00:00.000Z" },
    ]);
  });

  it("blocks 15 days of three-week leave", () => {
    const split = [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ];
    const days = dayAvailability(
      {
        zone: PARIS,
        weeklyHours: { days: { "1": split, "2": split, "3": split, "4": split, "5": split } },
        unavailabilities: [
          {
            id: "summer",
            start: "2026-06-01T00:00:00+02:00",
            end: "2026-06-20T00:00:00+02:00",
            reason: "leave",
          },
        ],
      },
      { from: "2026-05-29", to: "2026-06-22" },
    );
    const blockedDates = days.filter((day) => day.blocked.some((part) => part.reason === "unavailable"));

    expect(blockedDates.map((day) => day.date)).toEqual([
      "2026-06-01",
      "2026-06-02",
      "2026-06-03",
      "2026-06-04",
      "2026-06-05",
      "2026-06-08",
      "2026-06-09",
      "2026-06-10",
      "2026-06-11",
      "2026-06-12",
      "2026-06-15",
      "2026-06-16",
      "2026-06-17",
      "2026-06-18",
      "2026-06-19",
    ]);
    for (const day of blockedDates) expect(day.working, day.date).toEqual([]);
    expect(workingOf(days.filter((day) => day.date === "2026-05-29" || day.date === "2026-06-22"))).toEqual({
      "2026-05-29": [
        "2026-05-29T07:00:00.000Z/2026-05-29T10:00:00.000Z",
        "2026-05-29T11:00:00.000Z/2026-05-29T15:00:00.000Z",
      ],
      "2026-06-22": [
        "2026-06-22T07:00:00.000Z/2026-06-22T10:00:00.000Z",
        "2026-06-22T11:00:00.000Z/2026-06-22T15:00:00.000Z",
      ],
    });
  });

  it("keeps partial first and last days", () => {
    const split = [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ];
    const days = dayAvailability(
      {
        zone: PARIS,
        weeklyHours: { days: { "1": split, "2": split, "3": split, "4": split, "5": split } },
        unavailabilities: [
          {
            id: "autumn",
            start: "2026-10-20T15:00:00+02:00",
            end: "2026-11-10T10:00:00+01:00",
            reason: "sick",
          },
        ],
      },
      { from: "2026-10-19", to: "2026-11-11" },
    );
    const working = workingOf(days);

    expect(working["2026-10-19"]).toEqual([
      "2026-10-19T07:00:00.000Z/2026-10-19T10:00:00.000Z",
      "2026-10-19T11:00:00.000Z/2026-10-19T15:00:00.000Z",
    ]);
    expect(working["2026-10-20"]).toEqual([
      "2026-10-20T07:00:00.000Z/2026-10-20T10:00:00.000Z",
      "2026-10-20T11:00:00.000Z/2026-10-20T13:00:00.000Z",
    ]);
    expect(working["2026-11-10"]).toEqual([
      "2026-11-10T09:00:00.000Z/2026-11-10T11:00:00.000Z",
      "2026-11-10T12:00:00.000Z/2026-11-10T16:00:00.000Z",
    ]);
    expect(working["2026-11-11"]).toEqual([
      "2026-11-11T08:00:00.000Z/2026-11-11T11:00:00.000Z",
      "2026-11-11T12:00:00.000Z/2026-11-11T16:00:00.000Z",
    ]);
    const datesWithWork = days.filter((day) => day.working.length > 0).map((day) => day.date);
    expect(datesWithWork).toEqual(["2026-10-19", "2026-10-20", "2026-11-10", "2026-11-11"]);
    const datesWithSickLeave = days.filter((day) =>
      day.blocked.some((part) => part.unavailabilityId === "autumn"),
    );
    expect(datesWithSickLeave).toHaveLength(16);
  });

  it("names first listed overlapping unavailability", () => {
    const [day] = dayAvailability(
      {
        zone: PARIS,
        weeklyHours: weekdaysNineToFive,
        unavailabilities: [
          {
            id: "training",
            start: "2026-06-11T10:00:00+02:00",
            end: "2026-06-11T12:00:00+02:00",
            reason: "training",
          },
          {
            id: "leave",
            start: "2026-06-11T11:00:00+02:00",
            end: "2026-06-11T18:00:00+02:00",
            reason: "leave",
          },
        ],
      },
      { from: "2026-06-11", to: "2026-06-11" },
    );

    expect(day?.working).toEqual([{ start: "2026-06-11T07:00:00.000Z", end: "2026-06-11T08:00:00.000Z" }]);
    expect(day?.blocked.filter((part) => part.reason === "unavailable")).toEqual([
      {
        start: "2026-06-11T08:00:00.000Z",
        end: "2026-06-11T10:00:00.000Z",
        reason: "unavailable",
        unavailabilityId: "training",
        unavailabilityReason: "training",
      },
      {
        start: "2026-06-11T10:00:00.000Z",
        end: "2026-06-11T15:00:00.000Z",
        reason: "unavailable",
        unavailabilityId: "leave",
        unavailabilityReason: "leave",
      },
    ]);
  });
});

describe("working time in far zones", () => {
  it("converts Noumea hours to the previous UTC day", () => {
    const [monday] = dayAvailability(
      { zone: "Pacific/Noumea", weeklyHours: { days: { "1": [{ start: "08:00", end: "16:00" }] } } },
      { from: "2026-06-15", to: "2026-06-15" },
    );

    expect(monday?.working).toEqual([{ start: "2026-06-14T21:00:00.000Z", end: "2026-06-15T05:00:00.000Z" }]);
    expect(monday?.blocked[0]?.start).toBe("2026-06-14T13:00:00.000Z");
    expect(monday?.blocked[1]?.end).toBe("2026-06-15T13:00:00.000Z");
  });

  it("converts New York hours with daylight saving time", () => {
    const days = workingIntervals(
      { zone: "America/New_York", weeklyHours: weekdaysNineToFive },
      { from: "2026-03-06", to: "2026-03-09" },
    );

    expect(workingOf(days)).toEqual({
      "2026-03-06": ["2026-03-06T14:00:00.000Z/2026-03-06T22:00:00.000Z"],
      "2026-03-07": [],
      "2026-03-08": [],
      "2026-03-09": ["2026-03-09T13:00:00.000Z/2026-03-09T21:00:00.000Z"],
    });
  });
});

describe("working time and luxon's default zone", () => {
  const originalZone = Settings.defaultZone;
  afterEach(() => {
    Settings.defaultZone = originalZone;
  });

  it("gives the same answer under a far default zone", () => {
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: { ...weekdaysNineToFive, lunch: { start: "12:00", end: "13:00" } },
      unavailabilities: [
        {
          id: "leave",
          start: "2026-03-30T15:00:00+02:00",
          end: "2026-04-01T10:00:00+02:00",
          reason: "leave",
        },
      ],
    };
    const range = { from: "2026-03-27", to: "2026-04-02" };
    const expected = dayAvailability(input, range);
    const expectedCheck = explainOutsideWorkingTime(
      expected,
      "2026-03-30T11:30:00+02:00",
      "2026-03-30T12:30:00+02:00",
    );

    Settings.defaultZone = "Pacific/Kiritimati";
    const actual = dayAvailability(input, range);

    expect(actual).toEqual(expected);
    expect(actual[3]?.working).toEqual([
      { start: "2026-03-30T07:00:00.000Z", end: "2026-03-30T10:00:00.000Z" },
      { start: "2026-03-30T11:00:00.000Z", end: "2026-03-30T13:00:00.000Z" },
    ]);
    expect(
      explainOutsideWorkingTime(actual, "2026-03-30T11:30:00+02:00", "2026-03-30T12:30:00+02:00"),
    ).toEqual(expectedCheck);
    expect(expectedCheck?.reason).toBe("lunch");
  });
});
