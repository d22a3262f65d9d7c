import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = fileURLToPath(new URL("./web", import.meta.url));
// Origin of the Fastify server that `vite` and `vite preview` forward API calls to.
// RONDO_API_ORIGIN overrides it, for example to work against a server on another port.
const apiTarget = process.env.RONDO_API_ORIGIN ?? "http://127.0.0.1:3000";

/**
 * Serves the right HTML entry for page URLs in `vite` and `vite preview`, as the Fastify server
 * does in production: `/portal/...` gets the portal, every other page URL gets the back office.
 * URLs with a file extension, API calls and non-HTML requests pass through unchanged.
 */
function htmlEntryFallback(): Plugin {
  const rewrite = (request: IncomingMessage, _response: ServerResponse, next: () => void) => {
    const url = request.url ?? "/";
    const pathname = url.split("?")[0] ?? "/";
    const isPageRequest =
      (request.method === "GET" || request.method === "HEAD") &&
      (request.headers.accept ?? "").includes("text/html") &&
      !pathname.startsWith("/api/") &&
      !pathname.startsWith("/portal-api/") &&
      !/\.[a-z0-9]+$/i.test(pathname);

    if (isPageRequest) {
      const isPortal = pathname === "/portal" || pathname.startsWith("/portal/");
      request.url = isPortal ? "/portal/index.html" : "/backoffice/index.html";
    }
    next();
  };

  return {
    name: "rondo-html-entry-fallback",
    configureServer(server) {
      server.middlewares.use(rewrite);
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewrite);
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: "/",
  appType: "mpa",
  plugins: [react(), htmlEntryFallback()],
  build: {
    outDir: fileURLToPath(new URL("./dist/web", import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        backoffice: fileURLToPath(new URL("./web/backoffice/index.html", import.meta.url)),
        portal: fileURLToPath(new URL("./web/portal/index.html", import.meta.url)),
      },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: apiTarget },
      "/portal-api": { target: apiTarget },
    },
  },
  preview: {
    host: "127.0.0.1",
    proxy: {
      "/api": { target: apiTarget },
      "/portal-api": { target: apiTarget },
    },
  },
});
