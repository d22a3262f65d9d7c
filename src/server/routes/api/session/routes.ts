import type { UserRow } from "../../../../repositories/staff-accounts.js";
import {
  changeOwnPassword,
  listOrganizationsOfUser,
  switchOrganization,
} from "../../../../services/auth-service.js";
import { listBusinessUnits } from "../../../../services/business-unit-service.js";
import type { ServiceContext } from "../../../../services/context.js";
import { getOwnAccount, updateOwnProfile } from "../../../../services/user-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { errorResponses } from "../schemas.js";
import {
  changePasswordBody,
  sessionResponse,
  sessionUser,
  switchOrganizationBody,
  updateMeBody,
} from "./schema.js";

function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    language: user.language === "fr" ? ("fr" as const) : ("en" as const),
    mustChangePassword: user.mustChangePassword,
  };
}

export function registerSessionRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/session",
    {
      config: { allowedBeforePasswordChange: true },
      schema: {
        tags: ["session"],
        summary: "The signed-in user, the organization and the business units they can open",
        response: { 200: sessionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [user, organizations, units] = await Promise.all([
        getOwnAccount(context, actor),
        listOrganizationsOfUser(context, actor.userId),
        listBusinessUnits(context, actor),
      ]);
      const organization = organizations.find((candidate) => candidate.id === actor.organizationId)!;
      return {
        user: presentUser(user),
        organization,
        organizations,
        businessUnits: units.map((unit) => ({
          id: unit.id,
          code: unit.code,
          name: unit.name,
          timeZone: unit.timeZone,
          language: unit.language === "fr" ? ("fr" as const) : ("en" as const),
          country: unit.country,
          roles: actor.rolesByBusinessUnit.get(unit.id) ?? [],
        })),
      };
    },
  );

  app.post(
    "/session/password",
    {
      config: { allowedBeforePasswordChange: true },
      schema: {
        tags: ["session"],
        summary: "Change the signed-in user's password",
        body: changePasswordBody,
      },
    },
    async (request, reply) => {
      await changeOwnPassword(
        context,
        actorOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send();
    },
  );

  app.post(
    "/session/organization",
    {
      schema: {
        tags: ["session"],
        summary: "Work in another organization the user belongs to",
        body: switchOrganizationBody,
      },
    },
    async (request, reply) => {
      await switchOrganization(context, actorOf(request), request.body.organizationId);
      return reply.status(204).send();
    },
  );

  app.patch(
    "/me",
    {
      config: { allowedBeforePasswordChange: true },
      schema: {
        tags: ["session"],
        summary: "Change the signed-in user's name or language",
        body: updateMeBody,
        response: { 200: sessionUser, ...errorResponses },
      },
    },
    async (request) => presentUser(await updateOwnProfile(context, actorOf(request), request.body)),
  );
}
