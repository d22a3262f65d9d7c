import { describe, expect, it } from "vitest";
import { deriveState, refusalOf, type ScheduleFacts } from "../../../src/domain/activities/lifecycle.js";

const now = new Date("2026-03-02T10:00:00Z");
const scheduled = (endAt: string): ScheduleFacts => ({
  status: "pending",
  assigneeId: "worker",
  startAt: new Date("2026-03-02T08:00:00Z"),
  endAt: new Date(endAt),
});

describe("derived activity state", () => {
  it("is unscheduled without an assignee, even with a time", () => {
    expect(deriveState({ ...scheduled("2026-03-02T12:00:00Z"), assigneeId: null }, now)).toBe("unscheduled");
  });

  it("is scheduled while the end is ahead", () => {
    expect(deriveState(scheduled("2026-03-02T10:00:01Z"), now)).toBe("scheduled");
  });

  it("is to close from the scheduled end on", () => {
    expect(deriveState(scheduled("2026-03-02T10:00:00Z"), now)).toBe("to_close");
  });

  it("puts canceled, terminated and in progress before the schedule", () => {
    const past = scheduled("2026-03-02T09:00:00Z");
    expect(deriveState({ ...past, status: "canceled" }, now)).toBe("canceled");
    expect(deriveState({ ...past, status: "terminated" }, now)).toBe("terminated");
    expect(deriveState({ ...past, status: "in_progress" }, now)).toBe("in_progress");
  });
});

describe("lifecycle actions", () => {
  it("starts only a scheduled pending activity", () => {
    expect(refusalOf("start", scheduled("2026-03-02T12:00:00Z"))).toBeUndefined();
    expect(refusalOf("start", { ...scheduled("2026-03-02T12:00:00Z"), assigneeId: null })).toBe(
      "schedule the activity (worker and time) before starting it",
    );
  });

  it("reopens only closed or canceled activities", () => {
    expect(
      refusalOf("reopen", { ...scheduled("2026-03-02T12:00:00Z"), status: "terminated" }),
    ).toBeUndefined();
    expect(refusalOf("reopen", scheduled("2026-03-02T12:00:00Z"))).toBe(
      "only a terminated or canceled activity can be reopened; this one is pending",
    );
  });

  it("refuses to edit a canceled activity", () => {
    expect(refusalOf("edit", { ...scheduled("2026-03-02T12:00:00Z"), status: "canceled" })).toBe(
      "reopen the activity before changing it; it is canceled",
    );
  });
});
