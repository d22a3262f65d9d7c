import type { ServiceContext } from "../../../services/context.js";
import type { App } from "../../types.js";
import { registerActivityRoutes } from "./activities/routes.js";
import { registerAssistantRoutes } from "./assistant/routes.js";
import { registerAuthRoutes } from "./auth/routes.js";
import { registerBusinessUnitRoutes } from "./business-units/routes.js";
import { registerCatalogRoutes } from "./catalog/routes.js";
import { registerPortalPreviewRoutes } from "./customers/portal-preview-routes.js";
import { registerCustomerRoutes } from "./customers/routes.js";
import { registerEventRoutes } from "./events/routes.js";
import { registerFileRoutes } from "./files/routes.js";
import { registerMessageRoutes } from "./messages/routes.js";
import { registerTemplateRoutes } from "./messages/template-routes.js";
import { registerPortalActionStaffRoutes } from "./portal/actions-routes.js";
import { registerPortalConfigRoutes } from "./portal/routes.js";
import { registerReferenceRoutes } from "./reference/routes.js";
import { registerScheduleRoutes } from "./schedule/routes.js";
import { registerSessionRoutes } from "./session/routes.js";
import { registerTeamRoutes } from "./team/routes.js";
import { registerUserRoutes } from "./users/routes.js";

/** Registers the staff API; the caller mounts it under /api. */
export function registerApiRoutes(api: App, context: ServiceContext): void {
  registerAuthRoutes(api, context);
  registerSessionRoutes(api, context);
  registerReferenceRoutes(api, context);
  registerBusinessUnitRoutes(api, context);
  registerUserRoutes(api, context);
  registerTeamRoutes(api, context);
  registerCatalogRoutes(api, context);
  registerFileRoutes(api, context);
  registerActivityRoutes(api, context);
  registerAssistantRoutes(api, context);
  registerEventRoutes(api, context);
  registerScheduleRoutes(api, context);
  registerCustomerRoutes(api, context);
  registerPortalPreviewRoutes(api, context);
  registerMessageRoutes(api, context);
  registerTemplateRoutes(api, context);
  registerPortalConfigRoutes(api, context);
  registerPortalActionStaffRoutes(api, context);
}
