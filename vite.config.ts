import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
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

/**
 * Writes the portal's service worker to `portal/sw.js` after a build. Its first line lists the
 * portal shell, which the worker caches at install: the portal page, the JS and CSS files that
 * the page loads (followed from the `portal` entry chunk), and the manifest and icons under
 * `web/public/portal`. The build id, a hash of the shell's contents and of `offline.html`, names
 * the worker's cache, so a build that changes any of them replaces the cache.
 */
function portalServiceWorker(): Plugin {
  const source = fileURLToPath(new URL("./web/portal/service-worker.js", import.meta.url));
  const publicPortal = fileURLToPath(new URL("./web/public/portal", import.meta.url));

  return {
    name: "rondo-portal-service-worker",
    apply: "build",
    writeBundle(options, bundle) {
      const outDir = options.dir ?? "";
      const files = new Set<string>(["portal/index.html"]);
      const pending = Object.values(bundle).filter(
        (output) => output.type === "chunk" && output.isEntry && output.name === "portal",
      );
      if (pending.length === 0) {
        this.error("The build has no `portal` entry chunk to list in the service worker");
      }
      while (pending.length > 0) {
        const chunk = pending.pop();
        if (chunk?.type !== "chunk" || files.has(chunk.fileName)) continue;
        files.add(chunk.fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const imported of chunk.imports) {
          const next = bundle[imported];
          if (next) pending.push(next);
        }
      }
      for (const name of readdirSync(join(publicPortal, "icons"))) files.add(`portal/icons/${name}`);
      files.add("portal/manifest.webmanifest");

      const hash = createHash("sha256");
      for (const file of [...files].sort()) hash.update(file).update(readFileSync(join(outDir, file)));
      hash.update(readFileSync(join(publicPortal, "offline.html")));
      const shell = {
        buildId: hash.digest("hex").slice(0, 16),
        files: [...files].sort().map((file) => `/${file}`),
      };

      const worker = `self.portalShell = ${JSON.stringify(shell)};\n${readFileSync(source, "utf8")}`;
      writeFileSync(join(outDir, "portal", "sw.js"), worker);
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: "/",
  appType: "mpa",
  plugins: [react(), htmlEntryFallback(), portalServiceWorker()],
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
