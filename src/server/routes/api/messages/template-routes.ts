import { z } from "zod";
import { CHANNELS, NOTIFICATION_EVENTS } from "../../../../domain/notifications/index.js";
import { notificationSettingsSchema } from "../../../../domain/reminders.js";
import type { ServiceContext } from "../../../../services/context.js";
import {
  getNotificationSettings,
  listTemplates,
  resetTemplate,
  saveTemplate,
  updateNotificationSettings,
} from "../../../../services/notifications/template-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";

const tags = ["messages"];

const templateView = z.object({
  event: z.enum(NOTIFICATION_EVENTS),
  channel: z.enum(CHANNELS),
  language: z.enum(["en", "fr"]),
  subject: z.string().nullable(),
  body: z.string(),
  customized: z.boolean(),
  codes: z.array(z.string()),
});

const templateParams = businessUnitParams.extend({
  event: z.enum(NOTIFICATION_EVENTS),
  channel: z.enum(CHANNELS),
  language: z.enum(["en", "fr"]),
});

const templateBody = z.object({
  subject: z.string().max(1000).nullable().optional(),
  body: z.string().max(20_000),
});

export function registerTemplateRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/business-units/:buId/message-templates",
    {
      schema: {
        tags,
        summary: "Every message template of the unit, its own wording or the default, with the allowed codes",
        params: businessUnitParams,
        response: { 200: z.array(templateView), ...errorResponses },
      },
    },
    async (request) => listTemplates(context, actorOf(request), request.params.buId),
  );

  app.put(
    "/business-units/:buId/message-templates/:event/:channel/:language",
    {
      schema: {
        tags,
        summary: "Save the unit's wording (admins); unknown replacement codes are refused, named",
        params: templateParams,
        body: templateBody,
        response: { 200: templateView, ...errorResponses },
      },
    },
    async (request) => {
      const { buId, ...key } = request.params;
      return saveTemplate(context, actorOf(request), buId, key, request.body);
    },
  );

  app.delete(
    "/business-units/:buId/message-templates/:event/:channel/:language",
    {
      schema: {
        tags,
        summary: "Go back to the default wording (admins)",
        params: templateParams,
        response: { 200: templateView, ...errorResponses },
      },
    },
    async (request) => {
      const { buId, ...key } = request.params;
      return resetTemplate(context, actorOf(request), buId, key);
    },
  );

  app.get(
    "/business-units/:buId/notification-settings",
    {
      schema: {
        tags,
        summary: "Reminder delays, sender name and SMS switch of the unit",
        params: businessUnitParams,
        response: { 200: notificationSettingsSchema, ...errorResponses },
      },
    },
    async (request) => getNotificationSettings(context, actorOf(request), request.params.buId),
  );

  app.put(
    "/business-units/:buId/notification-settings",
    {
      schema: {
        tags,
        summary: "Replace the unit's notification settings (admins)",
        params: businessUnitParams,
        body: notificationSettingsSchema,
        response: { 200: notificationSettingsSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateNotificationSettings(context, actorOf(request), request.params.buId, request.body),
  );
}
