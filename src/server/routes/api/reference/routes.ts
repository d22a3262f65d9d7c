import { z } from "zod";
import { listCountries } from "../../../../domain/business-units/localisation.js";
import type { ServiceContext } from "../../../../services/context.js";
import type { App } from "../../../types.js";
import { languageSchema } from "../schemas.js";

export function registerReferenceRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/reference/map",
    {
      config: { public: true },
      schema: {
        tags: ["reference"],
        summary: "Tile URL template and attribution for maps",
        response: { 200: z.object({ tileUrl: z.string(), attribution: z.string() }) },
      },
    },
    async () => ({ tileUrl: context.config.mapTileUrl, attribution: context.config.mapTileAttribution }),
  );

  app.get(
    "/reference/countries",
    {
      config: { public: true },
      schema: {
        tags: ["reference"],
        summary: "Countries whose public holidays Rondo knows, named in the given language",
        querystring: z.object({ language: languageSchema.default("en") }),
        response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) },
      },
    },
    async (request) => listCountries(request.query.language),
  );
}
