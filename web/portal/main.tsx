import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "../shared/i18n";
import { PortalPlaceholder } from "./PortalPlaceholder";

initI18n();

const container = document.getElementById("root");
if (!container) {
  throw new Error("The page has no #root element to render the portal into");
}
createRoot(container).render(
  <StrictMode>
    <PortalPlaceholder />
  </StrictMode>,
);
