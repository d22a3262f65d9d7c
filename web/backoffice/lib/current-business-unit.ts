import { createContext, useContext } from "react";
import type { SessionBusinessUnit } from "./types";

export const CurrentBusinessUnitContext = createContext<SessionBusinessUnit | null>(null);

/** Returns the business unit of the current `/bu/:buId` URL. Only the shell's screens may call it. */
export function useCurrentBusinessUnit(): SessionBusinessUnit & { isAdmin: boolean } {
  const businessUnit = useContext(CurrentBusinessUnitContext);
  if (!businessUnit) {
    throw new Error("useCurrentBusinessUnit was called outside the business unit routes");
  }
  return { ...businessUnit, isAdmin: businessUnit.roles.includes("admin") };
}
