import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  arrivalWindows,
  type CandidateWorker,
  DEFAULT_SCHEDULING_SETTINGS,
  explainPlacement,
  findSlots,
  type SlotSearchInput,
  type TravelLookup,
} from "../../../src/domain/scheduling/assistant/index.js";
import type { WeeklyHours } from "../../../src/domain/scheduling/working-time/index.js";

const PARIS = "Europe/Paris";
const WEEKDAYS_9_TO_5: WeeklyHours = {
  days: Object.fromEntries(["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "09:00", end: "17:00" }]])),
};

function settings(stepMinutes: number) {
  return { ...DEFAULT_SCHEDULING_SETTINGS, stepMinutes };
}

/** An explicit travel matrix in minutes; km are the minutes divided by two. */
function matrix(minutes: Record<string, number>): TravelLookup {
  return (from, to) => {
    const value = minutes[`${from}->${to}`];
    if (value === undefined) throw new Error(`No travel ${from}->${to} in the test matrix.`);
    return { minutes: value, km: value / 2 };
  };
}

const noTravel: TravelLookup = () => ({ minutes: 0, km: 0 });

function worker(overrides: Partial<CandidateWorker> & { weeklyHours?: WeeklyHours } = {}): CandidateWorker {
  const { weeklyHours, ...rest } = overrides;
  return {
    id: "w1",
    name: "Worker 1",
    base: null,
    skills: {},
    workingTime: { zone: PARIS, weeklyHours: weeklyHours ?? WEEKDAYS_9_TO_5 },
    visits: [],
    ...rest,
  };
}

/** Start and end instants of the local dates [first, last] in `zone`. */
function localDays(first: string, last: string, zone = PARIS) {
  return {
    from: DateTime.fromISO(first, { zone }).toUTC().toISO()!,
    to: DateTime.fromISO(last, { zone }).plus({ days: 1 }).toUTC().toISO()!,
  };
}

function search(overrides: Partial<SlotSearchInput>): SlotSearchInput {
  return {
    zone: PARIS,
    durationMinutes: 60,
    place: null,
    requiredSkills: [],
    ...localDays("2026-06-11", "2026-06-11"),
    now: "2026-01-01T00:00:00Z",
    minimumNoticeMinutes: 0,
    settings: settings(15),
    workers: [worker()],
    travel: noTravel,
    ...overrides,
  };
}

/** Local "HH:mm" of each slot start, in `zone`. */
function localStarts(starts: { start: string }[], zone = PARIS): string[] {
  return starts
    .map((slot) => slot.start)
    .sort()
    .map((start) => DateTime.fromISO(start, { zone }).toFormat("HH:mm"));
}

describe("C06: a slot never runs into the lunch break", () => {
  it("offers the 11 starts that fit between 09:30-12:00 and 13:00-17:00", () => {
    const result = findSlots(
      search({
        settings: settings(30),
        workers: [
          worker({
            weeklyHours: {
              days: { "4": [{ start: "09:30", end: "17:00" }] },
              lunch: { start: "12:00", end: "13:00" },
            },
          }),
        ],
      }),
    );
    expect(localStarts(result.slots)).toEqual([
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
    ]);
  });
});

describe("C08: an unavailability of several days blocks each of its days", () => {
  const onLeave = worker({
    workingTime: {
      zone: PARIS,
      weeklyHours: WEEKDAYS_9_TO_5,
      unavailabilities: [
        {
          id: "leave-1",
          start: "2026-07-30T12:00:00+02:00",
          end: "2026-08-05T18:00:00+02:00",
          reason: "leave",
        },
      ],
    },
  });

  function startsByDate(first: string, last: string) {
    const result = findSlots(
      search({ ...localDays(first, last), settings: settings(60), workers: [onLeave] }),
    );
    const byDate: Record<string, string[]> = {};
    for (const slot of [...result.slots].sort((a, b) => a.start.localeCompare(b.start))) {
      byDate[slot.date] = [
        ...(byDate[slot.date] ?? []),
        DateTime.fromISO(slot.start, { zone: PARIS }).toFormat("HH:mm"),
      ];
    }
    return { byDate, result };
  }

  it("query (a) 2026-07-27..2026-08-09", () => {
    const { byDate, result } = startsByDate("2026-07-27", "2026-08-09");
    expect(byDate["2026-07-30"]).toEqual(["09:00", "10:00", "11:00"]);
    for (const date of ["2026-07-31", "2026-08-03", "2026-08-04", "2026-08-05"])
      expect(byDate[date]).toBeUndefined();
    expect(byDate["2026-08-06"]).toEqual([
      "09:00",
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
    ]);
    expect(result.unsuitable.find((entry) => entry.date === "2026-08-04")?.reasons).toEqual([
      { code: "unavailable", unavailabilityReason: "leave" },
    ]);
  });

  it("query (b) 2026-08-01..2026-08-31, starting inside the leave", () => {
    const { byDate } = startsByDate("2026-08-01", "2026-08-31");
    for (const date of ["2026-08-03", "2026-08-04", "2026-08-05"]) expect(byDate[date]).toBeUndefined();
    expect(byDate["2026-08-06"]).toEqual([
      "09:00",
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
    ]);
  });
});

describe("C10: travel counts from the base, between visits and back to the base", () => {
  const travel = matrix({ "A->B": 40, "B->A": 40, "A->C": 45, "C->A": 45, "B->C": 30, "C->B": 30 });
  const withVisit = worker({
    base: "A",
    weeklyHours: { days: { "4": [{ start: "08:00", end: "17:00" }] } },
    visits: [
      {
        id: "b",
        reference: "A000001",
        start: "2026-06-11T10:00:00+02:00",
        end: "2026-06-11T11:00:00+02:00",
        place: "B",
        inThisUnit: true,
      },
    ],
  });

  it("offers 11:30 to 15:15 and nothing before the existing visit", () => {
    const result = findSlots(search({ place: "C", workers: [withVisit], travel }));
    const expected: string[] = [];
    for (let minutes = 11 * 60 + 30; minutes <= 15 * 60 + 15; minutes += 15) {
      expected.push(
        `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`,
      );
    }
    expect(expected).toHaveLength(16);
    expect(localStarts(result.slots)).toEqual(expected);
  });

  it("reports the added travel of a slot after the visit: 30 + 45 − 40 = 35 minutes", () => {
    const result = findSlots(search({ place: "C", workers: [withVisit], travel }));
    const slot = result.slots.find((candidate) => candidate.start === "2026-06-11T09:30:00.000Z");
    expect(slot).toMatchObject({
      travelBefore: { activityId: "b", minutes: 30, km: 15, unknown: false },
      travelAfter: { activityId: null, minutes: 45, km: 22.5, unknown: false },
      addedMinutes: 35,
      addedKm: 17.5,
    });
  });

  it("explains the wrong answers: 08:00, 11:00 and 15:30", () => {
    const explain = (start: string) =>
      explainPlacement({
        zone: PARIS,
        durationMinutes: 60,
        place: "C",
        requiredSkills: [],
        now: "2026-01-01T00:00:00Z",
        minimumNoticeMinutes: 0,
        worker: withVisit,
        travel,
        start,
      }).reasons;
    expect(explain("2026-06-11T08:00:00+02:00")).toEqual([
      { code: "travel_from_previous", activityId: null, neededMinutes: 45, availableMinutes: 0 },
    ]);
    expect(explain("2026-06-11T11:00:00+02:00")).toEqual([
      { code: "travel_from_previous", activityId: "b", neededMinutes: 30, availableMinutes: 0 },
    ]);
    expect(explain("2026-06-11T15:30:00+02:00")).toEqual([
      { code: "travel_to_next", activityId: null, neededMinutes: 45, availableMinutes: 30 },
    ]);
    expect(explain("2026-06-11T11:30:00+02:00")).toEqual([]);
  });
});

describe("C11: the spring-forward day keeps the wall-clock hours", () => {
  it("Sat 12:00Z, Sun 11:00Z and Mon 07:00Z are the first starts", () => {
    const result = findSlots(
      search({
        ...localDays("2026-03-28", "2026-03-30"),
        now: "2026-03-27T12:00:00Z",
        settings: settings(60),
        workers: [
          worker({
            weeklyHours: {
              days: {
                "6": [{ start: "13:00", end: "18:00" }],
                "7": [{ start: "13:00", end: "18:00" }],
                "1": [{ start: "09:00", end: "17:00" }],
              },
            },
          }),
        ],
      }),
    );
    const firstAndLast = (date: string) => {
      const starts = result.slots
        .filter((slot) => slot.date === date)
        .map((slot) => slot.start)
        .sort();
      const ends = result.slots
        .filter((slot) => slot.date === date)
        .map((slot) => slot.end)
        .sort();
      return [starts[0], ends.at(-1)];
    };
    expect(firstAndLast("2026-03-28")).toEqual(["2026-03-28T12:00:00.000Z", "2026-03-28T17:00:00.000Z"]);
    expect(firstAndLast("2026-03-29")).toEqual(["2026-03-29T11:00:00.000Z", "2026-03-29T16:00:00.000Z"]);
    expect(firstAndLast("2026-03-30")[0]).toBe("2026-03-30T07:00:00.000Z");
  });
});

describe("C13: no slot in the hour that the spring-forward skips", () => {
  it("offers exactly 23:00Z, 00:00Z, 01:00Z, 02:00Z and 03:00Z", () => {
    const result = findSlots(
      search({
        ...localDays("2026-03-29", "2026-03-29"),
        settings: settings(60),
        workers: [worker({ weeklyHours: { days: { "7": [{ start: "00:00", end: "06:00" }] } } })],
      }),
    );
    const starts = result.slots.map((slot) => slot.start).sort();
    expect(starts).toEqual([
      "2026-03-28T23:00:00.000Z",
      "2026-03-29T00:00:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-29T02:00:00.000Z",
      "2026-03-29T03:00:00.000Z",
    ]);
    expect(localStarts(result.slots).some((label) => label.startsWith("02:"))).toBe(false);
  });

  it("a 25-hour day has one candidate start more", () => {
    const allDay = worker({ weeklyHours: { days: { "7": [{ start: "00:00", end: "24:00" }] } } });
    const fallBack = findSlots(
      search({
        ...localDays("2026-10-25", "2026-10-25"),
        settings: settings(60),
        durationMinutes: 15,
        workers: [allDay],
      }),
    );
    const ordinary = findSlots(
      search({
        ...localDays("2026-10-18", "2026-10-18"),
        settings: settings(60),
        durationMinutes: 15,
        workers: [allDay],
      }),
    );
    expect([fallBack.slots.length, ordinary.slots.length]).toEqual([25, 24]);
  });
});

describe("C15: a customer far away asks for their own day", () => {
  it("returns 8 slots for Tuesday 16 June in Pacific/Auckland", () => {
    const result = findSlots(
      search({ ...localDays("2026-06-16", "2026-06-16", "Pacific/Auckland"), settings: settings(60) }),
    );
    expect(localStarts(result.slots, "Pacific/Auckland")).toEqual([
      "00:00",
      "01:00",
      "02:00",
      "19:00",
      "20:00",
      "21:00",
      "22:00",
      "23:00",
    ]);
    const chosen = result.slots.find(
      (slot) =>
        DateTime.fromISO(slot.start, { zone: "Pacific/Auckland" }).toFormat("ccc d LLL HH:mm") ===
        "Tue 16 Jun 19:00",
    );
    expect(chosen?.start).toBe("2026-06-16T07:00:00.000Z");
    expect(DateTime.fromISO(chosen!.start, { zone: PARIS }).toFormat("ccc HH:mm")).toBe("Tue 09:00");
  });
});

describe("the process time zone plays no part", () => {
  it("gives the same slots under TZ=Pacific/Kiritimati and TZ=America/Los_Angeles", () => {
    const original = process.env.TZ;
    const run = (tz: string) => {
      process.env.TZ = tz;
      const offset = new Date("2026-06-10T12:00:00Z").getTimezoneOffset();
      const slots = findSlots(
        search({ ...localDays("2026-03-27", "2026-04-02"), settings: settings(60) }),
      ).slots;
      return { offset, slots };
    };
    try {
      const kiritimati = run("Pacific/Kiritimati");
      const losAngeles = run("America/Los_Angeles");
      expect([kiritimati.offset, losAngeles.offset]).toEqual([-840, 420]);
      expect(kiritimati.slots).toEqual(losAngeles.slots);
      expect(kiritimati.slots).toHaveLength(5 * 8);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("ranking, grades and reasons", () => {
  const travel = matrix({ "H->N": 10, "N->H": 10, "H->F": 50, "F->H": 50, "N->F": 45, "F->N": 45 });
  const near = worker({
    id: "near",
    name: "Near",
    base: "N",
    skills: { gas: 3 },
    weeklyHours: { days: { "4": [{ start: "09:00", end: "12:00" }] } },
  });
  const far = worker({
    id: "far",
    name: "Far",
    base: "F",
    skills: { gas: 2 },
    weeklyHours: { days: { "4": [{ start: "09:00", end: "12:00" }] } },
  });
  const unskilled = worker({ id: "new", name: "Newcomer", base: "N", skills: { gas: 1 } });
  const input = search({
    place: "H",
    settings: settings(60),
    workers: [far, near, unskilled],
    travel,
    requiredSkills: [{ skillId: "gas", name: "Gas boiler", minimumLevel: 2 }],
  });

  it("ranks the near worker first, green, and the far one orange", () => {
    const result = findSlots(input);
    expect(
      result.slots.map((slot) => [slot.workerId, slot.start, slot.addedMinutes, slot.score, slot.grade]),
    ).toEqual([
      ["near", "2026-06-11T08:00:00.000Z", 20, 80, "green"],
      ["far", "2026-06-11T08:00:00.000Z", 100, 0, "orange"],
    ]);
  });

  it("names the missing skill and level for the red worker", () => {
    const result = findSlots(input);
    expect(result.unsuitable).toEqual([
      {
        workerId: "new",
        date: null,
        grade: "red",
        reasons: [
          { code: "lacks_skill", skillId: "gas", skillName: "Gas boiler", requiredLevel: 2, workerLevel: 1 },
        ],
      },
    ]);
  });

  it("explains travel that does not fit on a day without any slot", () => {
    const shortDay = worker({
      id: "far",
      base: "F",
      skills: { gas: 2 },
      weeklyHours: { days: { "4": [{ start: "09:00", end: "11:00" }] } },
    });
    const result = findSlots({ ...input, workers: [shortDay] });
    expect(result.slots).toEqual([]);
    expect(result.unsuitable).toEqual([
      {
        workerId: "far",
        date: "2026-06-11",
        grade: "red",
        reasons: [{ code: "travel_to_next", activityId: null, neededMinutes: 50, availableMinutes: 0 }],
      },
    ]);
  });

  it("says when the rest of the day is inside the minimum notice", () => {
    const result = findSlots({
      ...input,
      workers: [near],
      now: "2026-06-11T07:30:00Z",
      minimumNoticeMinutes: 120,
    });
    expect(result.slots).toEqual([]);
    expect(result.unsuitable[0]?.reasons).toEqual([
      { code: "inside_notice", earliestStart: "2026-06-11T09:30:00.000Z" },
    ]);
  });
});

describe("arrival windows for customers", () => {
  it("offers a window when one exact start falls inside it, counting windows", () => {
    const result = findSlots(search({ settings: settings(30) }));
    const windows = arrivalWindows(result.slots, PARIS, 120, 3);
    expect(windows.map((window) => [window.start, window.end, window.best.start])).toEqual([
      ["2026-06-11T06:00:00.000Z", "2026-06-11T08:00:00.000Z", "2026-06-11T07:00:00.000Z"],
      ["2026-06-11T08:00:00.000Z", "2026-06-11T10:00:00.000Z", "2026-06-11T08:00:00.000Z"],
      ["2026-06-11T10:00:00.000Z", "2026-06-11T12:00:00.000Z", "2026-06-11T10:00:00.000Z"],
    ]);
    expect(windows[0]?.slots.map((slot) => slot.start)).toEqual([
      "2026-06-11T07:00:00.000Z",
      "2026-06-11T07:30:00.000Z",
    ]);
  });
});
