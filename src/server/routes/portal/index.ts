import type { ServiceContext } from "../../../services/context.js";
import type { App } from "../../types.js";
import { registerPortalActionRoutes } from "./action-routes.js";
import { registerPortalAuthRoutes } from "./auth-routes.js";
import { registerPortalBrandingRoutes } from "./branding-routes.js";
import { registerPortalPageRoutes } from "./routes.js";

/** Registers the customer portal API; the caller mounts it under /portal-api. */
export function registerPortalRoutes(portal: App, context: ServiceContext): void {
  registerPortalBrandingRoutes(portal, context);
  registerPortalAuthRoutes(portal, context);
  registerPortalPageRoutes(portal, context);
  registerPortalActionRoutes(portal, context);
}
