import { z } from "zod";
import type { ServiceContext } from "../../../../services/context.js";
import {
  addException,
  addUnavailability,
  deleteException,
  deleteSkill,
  deleteUnavailability,
  getAvailability,
  getWorker,
  listHolidays,
  listSkills,
  listWorkers,
  saveSkill,
  updateWorker,
} from "../../../../services/team-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";
import {
  availabilityQuery,
  dayAvailabilitySchema,
  exceptionParams,
  holidaySchema,
  holidaysQuery,
  hoursExceptionSchema,
  newUnavailabilityBody,
  skillBody,
  skillParams,
  skillSchema,
  unavailabilityParams,
  unavailabilitySchema,
  updateWorkerBody,
  workerDetailSchema,
  workerParams,
  workerSummarySchema,
} from "./schema.js";

const tags = ["team"];

export function registerTeamRoutes(app: App, context: ServiceContext): void {
  const base = "/business-units/:buId";

  app.get(
    `${base}/skills`,
    {
      schema: {
        tags,
        summary: "Skills of the business unit",
        params: businessUnitParams,
        response: { 200: z.array(skillSchema), ...errorResponses },
      },
    },
    async (request) =>
      (await listSkills(context, actorOf(request), request.params.buId)).map((skill) => ({
        id: skill.id,
        name: skill.name,
      })),
  );

  app.post(
    `${base}/skills`,
    {
      schema: {
        tags,
        summary: "Add a skill (admins)",
        params: businessUnitParams,
        body: skillBody,
        response: { 201: skillSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const skill = await saveSkill(context, actorOf(request), request.params.buId, request.body.name);
      return reply.status(201).send({ id: skill.id, name: skill.name });
    },
  );

  app.patch(
    `${base}/skills/:skillId`,
    {
      schema: {
        tags,
        summary: "Rename a skill (admins)",
        params: skillParams,
        body: skillBody,
        response: { 200: skillSchema, ...errorResponses },
      },
    },
    async (request) => {
      const skill = await saveSkill(
        context,
        actorOf(request),
        request.params.buId,
        request.body.name,
        request.params.skillId,
      );
      return { id: skill.id, name: skill.name };
    },
  );

  app.delete(
    `${base}/skills/:skillId`,
    { schema: { tags, summary: "Delete a skill no activity type requires (admins)", params: skillParams } },
    async (request, reply) => {
      await deleteSkill(context, actorOf(request), request.params.buId, request.params.skillId);
      return reply.status(204).send();
    },
  );

  app.get(
    `${base}/workers`,
    {
      schema: {
        tags,
        summary: "Field workers of the unit with base, hours and skills (planners)",
        params: businessUnitParams,
        response: { 200: z.array(workerSummarySchema), ...errorResponses },
      },
    },
    async (request) => listWorkers(context, actorOf(request), request.params.buId),
  );

  app.get(
    `${base}/workers/:userId`,
    {
      schema: {
        tags,
        summary: "One field worker with exceptions and unavailabilities (planners, or the worker)",
        params: workerParams,
        response: { 200: workerDetailSchema, ...errorResponses },
      },
    },
    async (request) => getWorker(context, actorOf(request), request.params.buId, request.params.userId),
  );

  app.patch(
    `${base}/workers/:userId`,
    {
      schema: {
        tags,
        summary: "Change a field worker's base, colour, weekly hours or skills (planners)",
        params: workerParams,
        body: updateWorkerBody,
        response: { 200: workerDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateWorker(context, actorOf(request), request.params.buId, request.params.userId, request.body),
  );

  app.post(
    `${base}/workers/:userId/exceptions`,
    {
      schema: {
        tags,
        summary: "Add different hours or days off for a date range (planners)",
        params: workerParams,
        body: hoursExceptionSchema,
        response: { 201: hoursExceptionSchema.extend({ id: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await addException(
        context,
        actorOf(request),
        request.params.buId,
        request.params.userId,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    `${base}/workers/:userId/exceptions/:exceptionId`,
    { schema: { tags, summary: "Delete an hours exception (planners)", params: exceptionParams } },
    async (request, reply) => {
      const { buId, userId, exceptionId } = request.params;
      await deleteException(context, actorOf(request), buId, userId, exceptionId);
      return reply.status(204).send();
    },
  );

  app.post(
    `${base}/workers/:userId/unavailabilities`,
    {
      schema: {
        tags,
        summary: "Add an unavailability of any length (planners)",
        params: workerParams,
        body: newUnavailabilityBody,
        response: { 201: unavailabilitySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await addUnavailability(
        context,
        actorOf(request),
        request.params.buId,
        request.params.userId,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    `${base}/workers/:userId/unavailabilities/:unavailabilityId`,
    { schema: { tags, summary: "Delete an unavailability (planners)", params: unavailabilityParams } },
    async (request, reply) => {
      const { buId, userId, unavailabilityId } = request.params;
      await deleteUnavailability(context, actorOf(request), buId, userId, unavailabilityId);
      return reply.status(204).send();
    },
  );

  app.get(
    `${base}/workers/:userId/availability`,
    {
      schema: {
        tags,
        summary: "Working and blocked time per local date, as the scheduler reads it",
        params: workerParams,
        querystring: availabilityQuery,
        response: { 200: z.array(dayAvailabilitySchema), ...errorResponses },
      },
    },
    async (request) =>
      getAvailability(context, actorOf(request), request.params.buId, request.params.userId, request.query),
  );

  app.get(
    `${base}/holidays`,
    {
      schema: {
        tags,
        summary: "Public holidays of the unit's country in a year",
        params: businessUnitParams,
        querystring: holidaysQuery,
        response: { 200: z.array(holidaySchema), ...errorResponses },
      },
    },
    async (request) => listHolidays(context, actorOf(request), request.params.buId, request.query.year),
  );
}
