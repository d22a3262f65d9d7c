import { z } from "zod";
import type { ServiceContext } from "../../../../services/context.js";
import {
  getMessage,
  listMessages,
  resendMessage,
} from "../../../../services/notifications/message-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";

const tags = ["messages"];
const STATUSES = ["queued", "sending", "sent", "failed", "expired", "canceled"] as const;

const summary = z.object({
  id: z.string(),
  channel: z.string(),
  event: z.string(),
  recipient: z.string(),
  language: z.string(),
  subject: z.string().nullable(),
  status: z.string(),
  attempts: z.number(),
  maxAttempts: z.number(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  transport: z.string().nullable(),
  customerId: z.string().nullable(),
  activityId: z.string().nullable(),
  createdAt: z.string(),
});

const detail = summary.extend({
  bodyText: z.string(),
  bodyHtml: z.string().nullable(),
  attachments: z.array(z.object({ fileName: z.string(), contentType: z.string(), content: z.string() })),
});

const listQuery = z.object({
  customerId: z.uuid().optional(),
  activityId: z.uuid().optional(),
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",") : undefined))
    .pipe(z.array(z.enum(STATUSES)).optional()),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const messageParams = businessUnitParams.extend({ messageId: z.uuid() });

export function registerMessageRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/business-units/:buId/messages",
    {
      schema: {
        tags,
        summary: "Emails and SMS of the unit, newest first, with status, attempts and last error (planners)",
        params: businessUnitParams,
        querystring: listQuery,
        response: { 200: z.array(summary), ...errorResponses },
      },
    },
    async (request) => listMessages(context, actorOf(request), request.params.buId, request.query),
  );

  app.get(
    "/business-units/:buId/messages/:messageId",
    {
      schema: {
        tags,
        summary: "One message with its text and attachments",
        params: messageParams,
        response: { 200: detail, ...errorResponses },
      },
    },
    async (request) => getMessage(context, actorOf(request), request.params.buId, request.params.messageId),
  );

  app.post(
    "/business-units/:buId/messages/:messageId/resend",
    {
      schema: {
        tags,
        summary: "Queue a failed message again as a new message",
        params: messageParams,
        response: { 201: summary, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await resendMessage(context, actorOf(request), request.params.buId, request.params.messageId)),
  );
}
