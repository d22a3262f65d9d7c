import { describe, expect, it } from "vitest";
import { readNotificationSettings, reminderTimes } from "../../src/domain/reminders.js";

describe("reminder times", () => {
  const visit = new Date("2026-06-10T07:00:00Z");

  it("C16: 24 hours before a visit at 09:00 Paris is 2026-06-09T07:00:00Z", () => {
    expect(
      reminderTimes(
        visit,
        "Europe/Paris",
        [{ kind: "hours_before", hours: 24 }],
        new Date("2026-06-01T00:00:00Z"),
      ),
    ).toEqual([new Date("2026-06-09T07:00:00Z")]);
  });

  it("defaults to 18:00 local the evening before", () => {
    const { reminders } = readNotificationSettings({});
    expect(reminderTimes(visit, "Europe/Paris", reminders, new Date("2026-06-01T00:00:00Z"))).toEqual([
      new Date("2026-06-09T16:00:00Z"),
    ]);
  });

  it("drops reminders already past and keeps the rest in order", () => {
    const rules = [
      { kind: "day_before_at", time: "18:00" },
      { kind: "hours_before", hours: 2 },
    ] as const;
    expect(reminderTimes(visit, "Europe/Paris", rules, new Date("2026-06-09T17:00:00Z"))).toEqual([
      new Date("2026-06-10T05:00:00Z"),
    ]);
  });

  it("reads the wall time of the day before across a clock change", () => {
    // Monday 30 March 2026 09:00 Paris (CEST); the day before is the spring-forward Sunday.
    expect(
      reminderTimes(
        new Date("2026-03-30T07:00:00Z"),
        "Europe/Paris",
        [{ kind: "day_before_at", time: "18:00" }],
        new Date("2026-03-01T00:00:00Z"),
      ),
    ).toEqual([new Date("2026-03-29T16:00:00Z")]);
  });
});
