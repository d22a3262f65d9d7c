import { z } from "zod";
import type { BusinessUnitRow } from "../../../../repositories/business-units.js";
import {
  createBusinessUnit,
  getBusinessUnit,
  listBusinessUnits,
  updateBusinessUnit,
} from "../../../../services/business-unit-service.js";
import type { ServiceContext } from "../../../../services/context.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { errorResponses } from "../schemas.js";
import {
  businessUnitParams,
  businessUnitResponse,
  createBusinessUnitBody,
  updateBusinessUnitBody,
} from "./schema.js";

function presentBusinessUnit(unit: BusinessUnitRow): z.infer<typeof businessUnitResponse> {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    timeZone: unit.timeZone,
    language: unit.language === "fr" ? "fr" : "en",
    country: unit.country,
    addressLine1: unit.addressLine1,
    addressLine2: unit.addressLine2,
    postcode: unit.postcode,
    city: unit.city,
    latitude: unit.latitude,
    longitude: unit.longitude,
    portalAccessByDefault: unit.portalAccessByDefault,
  };
}

export function registerBusinessUnitRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/business-units",
    {
      schema: {
        tags: ["business units"],
        summary: "Business units the signed-in user belongs to",
        response: { 200: z.array(businessUnitResponse), ...errorResponses },
      },
    },
    async (request) => (await listBusinessUnits(context, actorOf(request))).map(presentBusinessUnit),
  );

  app.post(
    "/business-units",
    {
      schema: {
        tags: ["business units"],
        summary: "Create a business unit (admins); the creator becomes its admin",
        body: createBusinessUnitBody,
        response: { 201: businessUnitResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const unit = await createBusinessUnit(context, actorOf(request), request.body);
      return reply.status(201).send(presentBusinessUnit(unit));
    },
  );

  app.get(
    "/business-units/:buId",
    {
      schema: {
        tags: ["business units"],
        summary: "One business unit with its settings",
        params: businessUnitParams,
        response: { 200: businessUnitResponse, ...errorResponses },
      },
    },
    async (request) =>
      presentBusinessUnit(await getBusinessUnit(context, actorOf(request), request.params.buId)),
  );

  app.patch(
    "/business-units/:buId",
    {
      schema: {
        tags: ["business units"],
        summary: "Change a business unit's settings (admins)",
        params: businessUnitParams,
        body: updateBusinessUnitBody,
        response: { 200: businessUnitResponse, ...errorResponses },
      },
    },
    async (request) =>
      presentBusinessUnit(
        await updateBusinessUnit(context, actorOf(request), request.params.buId, request.body),
      ),
  );
}
