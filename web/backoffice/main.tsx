import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "../shared/i18n";
import { App } from "./App";

initI18n();

const container = document.getElementById("root");
if (!container) {
  throw new Error("The page has no #root element to render the back office into");
}
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
