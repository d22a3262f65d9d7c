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
  throw new Error("The page has no #root element to render the portal into");
}
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The service worker exists only in builds: `vite build` writes /portal/sw.js.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/portal/sw.js", { scope: "/portal/" }).catch((error: unknown) => {
      // The portal works without it, only without the offline page and the cached shell.
      console.warn("The portal's service worker could not be registered", error);
    });
  });
}
