import type { Executor } from "../../db/database.js";
import { explainPlacement, type Reason, type TravelSide } from "../../domain/scheduling/assistant/index.js";
import type { ActivityRow } from "../../repositories/activities.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { invalidField } from "../../server/errors.js";
import type { ServiceContext } from "../context.js";
import { travelProviderFor } from "./providers.js";
import { loadSearchData, loadTravel, placeKey, requiredSkillsOf } from "./search-data.js";

export interface PlacementCheck {
  reasons: Reason[];
  travelBefore: TravelSide | null;
  travelAfter: TravelSide | null;
  /** Visit id → reference of the worker's visits in this unit, for messages. */
  references: Map<string, string>;
}

/**
 * Checks one placement of an activity with the assistant's rules: the worker's other open visits
 * in every unit, working time, skills, the notice and travel to both neighbours. Runs inside the
 * booking transaction after the worker's schedule is locked, so what it reads cannot change before
 * the write.
 */
export async function checkPlacement(
  context: ServiceContext,
  db: Executor,
  unit: BusinessUnitRow,
  placement: { activity: ActivityRow; assigneeId: string; startAt: Date; minimumNoticeMinutes: number },
): Promise<PlacementCheck> {
  const { activity, assigneeId, startAt } = placement;
  const endAt = new Date(startAt.getTime() + activity.durationMinutes * 60_000);
  const data = await loadSearchData(
    db,
    activity.organizationId,
    unit,
    { from: startAt, to: endAt },
    { exceptActivityId: activity.id, workerIds: [assigneeId] },
  );
  const worker = data.workers[0];
  if (!worker) throw invalidField("workerId", "no such field worker in this business unit", assigneeId);
  const place = placeKey(activity);
  const travel = await loadTravel(travelProviderFor(context, data.settings), place, [worker]);
  const explanation = explainPlacement({
    zone: unit.timeZone,
    durationMinutes: activity.durationMinutes,
    place,
    requiredSkills: await requiredSkillsOf(db, activity.organizationId, activity.activityTypeId),
    now: context.clock.now().toISOString(),
    minimumNoticeMinutes: placement.minimumNoticeMinutes,
    worker,
    travel,
    start: startAt.toISOString(),
  });
  return {
    reasons: explanation.reasons,
    travelBefore: explanation.travelBefore,
    travelAfter: explanation.travelAfter,
    references: new Map(
      worker.visits.filter((visit) => visit.inThisUnit).map((visit) => [visit.id, visit.reference]),
    ),
  };
}
