import { segment } from "../../shared/api";
import type { PortalActionView } from "./types";

/** Returns the path of an action's page: `/portal/actions/<type>/<action>`, with `?activity=` for a visit's action. */
export function actionPath(action: Pick<PortalActionView, "typeId" | "id" | "activityId">): string {
  const path = `/portal/actions/${segment(action.typeId)}/${segment(action.id)}`;
  return action.activityId === null ? path : `${path}?activity=${encodeURIComponent(action.activityId)}`;
}

/** Returns the path of a visit's page. */
export function activityPath(activityId: string): string {
  return `/portal/activities/${segment(activityId)}`;
}
