import { describe, expect, it } from "vitest";
import {
  type DayAvailability,
  dayAvailability,
  type HoursException,
  publicHolidays,
  type WeeklyHours,
  type WorkingTimeInput,
} from "../../../src/domain/scheduling/working-time/index.js";

const PARIS = "Europe/Paris";
const nineToFive = [{ start: "09:00", end: "17:00" }];
const regularHours: WeeklyHours = {
  days: { "1": nineToFive, "2": nineToFive, "3": nineToFive, "4": nineToFive, "5": nineToFive },
  lunch: { start: "12:00", end: "13:00" },
};
const eightToThree = [{ start: "08:00", end: "15:00" }];
const summerHours: HoursException = {
  from: "2026-07-01",
  to: "2026-08-31",
  hours: {
    days: { "1": eightToThree, "2": eightToThree, "3": eightToThree, "4": eightToThree, "5": eightToThree },
  },
  label: "Summer hours",
};

function byDate(days: DayAvailability[]): Record<string, DayAvailability> {
  return Object.fromEntries(days.map((day) => [day.date, day]));
}

describe("publicHolidays", () => {
  it("lists the French public holidays of 2026", () => {
    expect(publicHolidays("FR", 2026)).toEqual([
      { date: "2026-01-01", name: "New Year's Day" },
      { date: "2026-04-06", name: "Easter Monday" },
      { date: "2026-05-01", name: "Labour Day" },
      { date: "2026-05-08", name: "Victory Day" },
      { date: "2026-05-14", name: "Ascension Day" },
      { date: "2026-05-25", name: "Whit Monday" },
      { date: "2026-07-14", name: "Bastille Day" },
      { date: "2026-08-15", name: "Assumption" },
      { date: "2026-11-01", name: "All Saints' Day" },
      { date: "2026-11-11", name: "Armistice Day" },
      { date: "2026-12-25", name: "Christmas Day" },
    ]);
  });

  it("names holidays in French", () => {
    const holidays = publicHolidays("FR", 2026, { language: "fr" });

    expect(holidays).toContainEqual({ date: "2026-04-06", name: "Lundi de Pâques" });
    expect(holidays).toContainEqual({ date: "2026-05-01", name: "Fête du travail" });
    expect(holidays).toContainEqual({ date: "2026-07-14", name: "Fête Nationale de la France" });
  });

  it("adds regional holidays of Alsace", () => {
    const dates = publicHolidays("FR", 2026, { region: "67" }).map((holiday) => holiday.date);

    expect(dates).toContain("2026-04-03");
    expect(dates).toContain("2026-12-26");
    expect(dates).toHaveLength(13);
  });

  it("rejects an unknown country", () => {
    expect(() => publicHolidays("XX", 2026)).toThrow('Unknown country "XX"');
  });

  it("rejects an unknown region", () => {
    expect(() => publicHolidays("FR", 2026, { region: "99" })).toThrow('Unknown region "99" of FR');
  });
});

describe("dayAvailability with holidays and exceptions", () => {
  const holidays = publicHolidays("FR", 2026);

  it("blocks a public holiday as a whole day", () => {
    const days = byDate(
      dayAvailability(
        { zone: PARIS, weeklyHours: regularHours, holidays },
        { from: "2026-04-06", to: "2026-04-07" },
      ),
    );

    expect(days["2026-04-06"]).toEqual({
      date: "2026-04-06",
      working: [],
      blocked: [
        {
          start: "2026-04-05T22:00:00.000Z",
          end: "2026-04-06T22:00:00.000Z",
          reason: "public_holiday",
          label: "Easter Monday",
        },
      ],
    });
    expect(days["2026-04-07"]?.working).toEqual([
      { start: "2026-04-07T07:00:00.000Z", end: "2026-04-07T10:00:00.000Z" },
      { start: "2026-04-07T11:00:00.000Z", end: "2026-04-07T15:00:00.000Z" },
    ]);
  });

  it("blocks 1 May and 14 July", () => {
    const days = byDate(
      dayAvailability(
        { zone: PARIS, weeklyHours: regularHours, holidays },
        { from: "2026-05-01", to: "2026-07-14" },
      ),
    );

    expect(days["2026-05-01"]?.blocked).toEqual([
      {
        start: "2026-04-30T22:00:00.000Z",
        end: "2026-05-01T22:00:00.000Z",
        reason: "public_holiday",
        label: "Labour Day",
      },
    ]);
    expect(days["2026-07-14"]?.working).toEqual([]);
    expect(days["2026-07-14"]?.blocked[0]?.label).toBe("Bastille Day");
  });

  it("uses an exception's pattern on its dates", () => {
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: regularHours,
      exceptions: [summerHours],
      holidays,
    };
    const days = byDate(dayAvailability(input, { from: "2026-06-30", to: "2026-07-01" }));

    expect(days["2026-06-30"]?.working).toEqual([
      { start: "2026-06-30T07:00:00.000Z", end: "2026-06-30T10:00:00.000Z" },
      { start: "2026-06-30T11:00:00.000Z", end: "2026-06-30T15:00:00.000Z" },
    ]);
    expect(days["2026-07-01"]?.working).toEqual([
      { start: "2026-07-01T06:00:00.000Z", end: "2026-07-01T13:00:00.000Z" },
    ]);
  });

  it("applies the exception listed last", () => {
    const shortWeek: HoursException = {
      from: "2026-07-13",
      to: "2026-07-17",
      hours: { days: { "1": [{ start: "10:00", end: "12:00" }] } },
    };
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: regularHours,
      exceptions: [summerHours, shortWeek],
    };
    const days = byDate(dayAvailability(input, { from: "2026-07-13", to: "2026-07-20" }));

    expect(days["2026-07-13"]?.working).toEqual([
      { start: "2026-07-13T08:00:00.000Z", end: "2026-07-13T10:00:00.000Z" },
    ]);
    expect(days["2026-07-15"]?.working).toEqual([]);
    expect(days["2026-07-20"]?.working).toEqual([
      { start: "2026-07-20T06:00:00.000Z", end: "2026-07-20T13:00:00.000Z" },
    ]);
  });

  it("blocks a day off with its label", () => {
    const movingDay: HoursException = {
      from: "2026-07-10",
      to: "2026-07-10",
      hours: "off",
      label: "Moving house",
    };
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: regularHours,
      exceptions: [summerHours, movingDay],
    };
    const [day] = dayAvailability(input, { from: "2026-07-10", to: "2026-07-10" });

    expect(day).toEqual({
      date: "2026-07-10",
      working: [],
      blocked: [
        {
          start: "2026-07-09T22:00:00.000Z",
          end: "2026-07-10T22:00:00.000Z",
          reason: "day_off",
          label: "Moving house",
        },
      ],
    });
  });

  it("keeps a holiday off under a longer exception", () => {
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: regularHours,
      exceptions: [summerHours],
      holidays,
    };
    const [day] = dayAvailability(input, { from: "2026-07-14", to: "2026-07-14" });

    expect(day?.working).toEqual([]);
    expect(day?.blocked[0]?.reason).toBe("public_holiday");
  });

  it("works a holiday with single-date exception", () => {
    const onCall: HoursException = {
      from: "2026-07-14",
      to: "2026-07-14",
      hours: { days: { "2": [{ start: "09:00", end: "12:00" }] } },
      label: "On call",
    };
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: regularHours,
      exceptions: [summerHours, onCall],
      holidays,
    };
    const [day] = dayAvailability(input, { from: "2026-07-14", to: "2026-07-14" });

    expect(day?.working).toEqual([{ start: "2026-07-14T07:00:00.000Z", end: "2026-07-14T10:00:00.000Z" }]);
  });

  it("works holidays when exception allows it", () => {
    const tenToTwo = [{ start: "10:00", end: "14:00" }];
    const busyWeek: HoursException = {
      from: "2026-04-27",
      to: "2026-05-01",
      hours: { days: { "1": tenToTwo, "2": tenToTwo, "3": tenToTwo, "4": tenToTwo, "5": tenToTwo } },
    };
    const withFlag = dayAvailability(
      {
        zone: PARIS,
        weeklyHours: regularHours,
        holidays,
        exceptions: [{ ...busyWeek, worksOnPublicHolidays: true }],
      },
      { from: "2026-05-01", to: "2026-05-01" },
    );
    const withoutFlag = dayAvailability(
      { zone: PARIS, weeklyHours: regularHours, holidays, exceptions: [busyWeek] },
      { from: "2026-05-01", to: "2026-05-01" },
    );

    expect(withFlag[0]?.working).toEqual([
      { start: "2026-05-01T08:00:00.000Z", end: "2026-05-01T12:00:00.000Z" },
    ]);
    expect(withoutFlag[0]?.working).toEqual([]);
  });

  it("prefers day off to holiday", () => {
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: regularHours,
      holidays,
      exceptions: [{ from: "2026-07-13", to: "2026-07-17", hours: "off", label: "Family leave" }],
    };
    const [day] = dayAvailability(input, { from: "2026-07-14", to: "2026-07-14" });

    expect(day?.blocked).toEqual([
      {
        start: "2026-07-13T22:00:00.000Z",
        end: "2026-07-14T22:00:00.000Z",
        reason: "day_off",
        label: "Family leave",
      },
    ]);
  });

  it("joins names of same-day holidays", () => {
    const input: WorkingTimeInput = {
      zone: PARIS,
      weeklyHours: regularHours,
      holidays: [
        { date: "2026-05-14", name: "Ascension Day" },
        { date: "2026-05-14", name: "Company day" },
      ],
    };
    const [day] = dayAvailability(input, { from: "2026-05-14", to: "2026-05-14" });

    expect(day?.blocked[0]?.label).toBe("Ascension Day, Company day");
  });
});
