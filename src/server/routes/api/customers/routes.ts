import type { z } from "zod";
import type { CustomerRow } from "../../../../repositories/customers.js";
import type { ServiceContext } from "../../../../services/context.js";
import {
  createCustomer,
  deleteCustomer,
  exportCustomersCsv,
  getCustomer,
  listCustomers,
  setCustomerLocation,
  updateCustomer,
} from "../../../../services/customers/customer-service.js";
import { searchAddresses } from "../../../../services/customers/geocode-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponseSchema, errorResponses } from "../schemas.js";
import { registerCustomerImportRoutes } from "./import-routes.js";
import {
  createCustomerBody,
  customerListSchema,
  customerParams,
  customerSchema,
  exportQuery,
  geocodeQuery,
  geocodeResponse,
  listCustomersQuery,
  locationBody,
  updateCustomerBody,
} from "./schema.js";

const tags = ["customers"];

export function presentCustomer(row: CustomerRow): z.infer<typeof customerSchema> {
  return {
    id: row.id,
    businessUnitId: row.businessUnitId,
    reference: row.reference,
    type: row.type === "professional" ? "professional" : "individual",
    firstName: row.firstName,
    lastName: row.lastName,
    companyName: row.companyName,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    mobile: row.mobile,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    postcode: row.postcode,
    city: row.city,
    country: row.country,
    latitude: row.latitude,
    longitude: row.longitude,
    located: row.latitude !== null && row.longitude !== null,
    language: row.language === "fr" ? "fr" : "en",
    timeZone: row.timeZone,
    customFields: row.customFields,
    comments: row.comments,
    portalAccess: row.portalAccess,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Customers of a business unit: list, read, write, export, map pin and address search. */
export function registerCustomerRoutes(app: App, context: ServiceContext): void {
  const base = "/business-units/:buId";

  app.get(
    `${base}/customers`,
    {
      schema: {
        tags,
        summary: "Customers of the unit sorted by name, filtered and paginated (members)",
        params: businessUnitParams,
        querystring: listCustomersQuery,
        response: { 200: customerListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listCustomers(
        context,
        actorOf(request),
        request.params.buId,
        request.query,
      );
      return {
        items: rows.map(presentCustomer),
        total,
        limit: request.query.limit,
        offset: request.query.offset,
      };
    },
  );

  app.get(
    `${base}/customers/export.csv`,
    {
      schema: {
        tags,
        summary: "Every customer of the unit as a CSV file that the import reads back (planners)",
        params: businessUnitParams,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { csv, unit } = await exportCustomersCsv(
        context,
        actorOf(request),
        request.params.buId,
        request.query.language,
      );
      const date = context.clock.now().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="customers-${safeFileName(unit.code)}-${date}.csv"`,
        )
        .send(Buffer.from(csv, "utf8"));
    },
  );

  app.post(
    `${base}/customers`,
    {
      schema: {
        tags,
        summary: "Create a customer (planners)",
        params: businessUnitParams,
        body: createCustomerBody,
        response: { 201: customerSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createCustomer(context, actorOf(request), request.params.buId, request.body);
      return reply.status(201).send(presentCustomer(row));
    },
  );

  app.get(
    `${base}/customers/:customerId`,
    {
      schema: {
        tags,
        summary: "One customer (members)",
        params: customerParams,
        response: { 200: customerSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCustomer(
        await getCustomer(context, actorOf(request), request.params.buId, request.params.customerId),
      ),
  );

  app.patch(
    `${base}/customers/:customerId`,
    {
      schema: {
        tags,
        summary: "Change some fields of a customer (planners)",
        params: customerParams,
        body: updateCustomerBody,
        response: { 200: customerSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCustomer(
        await updateCustomer(
          context,
          actorOf(request),
          request.params.buId,
          request.params.customerId,
          request.body,
        ),
      ),
  );

  app.put(
    `${base}/customers/:customerId/location`,
    {
      schema: {
        tags,
        summary: "Place the customer's map pin, or remove it with two nulls (planners)",
        params: customerParams,
        body: locationBody,
        response: { 200: customerSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentCustomer(
        await setCustomerLocation(
          context,
          actorOf(request),
          request.params.buId,
          request.params.customerId,
          request.body,
        ),
      ),
  );

  app.delete(
    `${base}/customers/:customerId`,
    {
      schema: {
        tags,
        summary: "Delete a customer that has no activities (planners)",
        params: customerParams,
      },
    },
    async (request, reply) => {
      await deleteCustomer(context, actorOf(request), request.params.buId, request.params.customerId);
      return reply.status(204).send();
    },
  );

  app.get(
    `${base}/geocode`,
    {
      schema: {
        tags,
        summary: "Search addresses and their coordinates (planners); 503 when no geocoder is configured",
        params: businessUnitParams,
        querystring: geocodeQuery,
        response: {
          200: geocodeResponse,
          ...errorResponses,
          502: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { q, postcode, city, limit } = request.query;
      const results = await searchAddresses(context, actorOf(request), request.params.buId, q, {
        limit,
        ...(postcode ? { postcode } : {}),
        ...(city ? { city } : {}),
      });
      return { results };
    },
  );

  registerCustomerImportRoutes(app, context);
}

/** Keeps a unit code usable in a file name. */
export function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}
