import { z } from "zod";
import { listCountries } from "../../../../domain/business-units/localisation.js";
import type { App } from "../../../types.js";
import { languageSchema } from "../schemas.js";

export function registerReferenceRoutes(app: App): void {
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
