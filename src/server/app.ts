import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { ServiceContext } from "../services/context.js";
import { registerErrorBoundary } from "./error-boundary.js";
import { invalidField } from "./errors.js";
import { registerPortalAuthentication } from "./portal-auth.js";
import { registerApiRoutes } from "./routes/api/index.js";
import { registerHealthRoutes } from "./routes/health.js";
import { registerPortalRoutes } from "./routes/portal/index.js";
import { registerStaffAuthentication } from "./staff-auth.js";
import type { App } from "./types.js";

export interface AppOptions {
  context: ServiceContext;
  /** Folder of the built web assets (`dist/web`); the UI is not served when it is missing. */
  webRoot?: string;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the HTTP application; the caller listens or injects. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { context } = options;
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    trustProxy: context.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Closing also ends keep-alive and event-stream connections, so a stop does not wait on a browser.
    forceCloseConnections: true,
    // A request id from a trusted proxy is kept so that its logs and ours correlate.
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // PostgreSQL text cannot hold NUL, so a value carrying one would fail deep in a query.
  app.addHook("preValidation", async (request) => {
    const path = findNulCharacter({ query: request.query, params: request.params, body: request.body });
    if (path)
      throw invalidField(path, "contains a NUL character (\\u0000); remove it", undefined, "nul_character");
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine sets element styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", tileOrigin(context.config.mapTileUrl)],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: context.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: context.config.secureCookies,
  });
  await app.register(cookie);
  registerErrorBoundary(app);

  await app.register(swagger, {
    openapi: {
      info: { title: "Rondo API", version: "0.1.0", description: "Staff API of Rondo." },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "rondo_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  registerHealthRoutes(app, context);
  registerStaffAuthentication(app, context);
  registerPortalAuthentication(app, context);
  await app.register(async (api) => registerApiRoutes(api, context), { prefix: "/api" });
  await app.register(async (portal) => registerPortalRoutes(portal, context), { prefix: "/portal-api" });
  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerWebAssets(app, options.webRoot);
  return app;
}

/** Serves the back office at `/` and the portal at `/portal`, each as a single-page app. */
function registerWebAssets(app: App, webRoot: string | undefined): void {
  const available = webRoot !== undefined && existsSync(join(webRoot, "backoffice", "index.html"));
  if (available) {
    app.register(fastifyStatic, { root: webRoot, prefix: "/", index: false, wildcard: false });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    // HEAD as well as GET: mail link scanners open a page with HEAD first, and get the page, never a session.
    const isPage =
      (request.method === "GET" || request.method === "HEAD") &&
      !path.startsWith("/api/") &&
      !path.startsWith("/portal-api/");
    if (!isPage || !available) {
      return reply.status(404).send({
        error: { code: "not_found", message: "Not found.", requestId: request.id },
      });
    }
    const page =
      path === "/portal" || path.startsWith("/portal/") ? "portal/index.html" : "backoffice/index.html";
    return reply.header("cache-control", "no-cache").sendFile(page);
  });
}

/** Returns the scheme and host of a tile URL template, for the Content-Security-Policy. */
function tileOrigin(template: string): string {
  return template.replace(/^(https:\/\/[^/]+).*$/, "$1").replace(/\{s\}\./, "*.");
}

/** Returns the dotted path of the first string containing U+0000, looking at most 8 levels deep. */
function findNulCharacter(value: unknown, path = "", depth = 0): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (depth > 8 || value === null || typeof value !== "object" || Buffer.isBuffer(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findNulCharacter(child, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found.replace(/^(query|params|body)\./, "");
  }
  return undefined;
}
