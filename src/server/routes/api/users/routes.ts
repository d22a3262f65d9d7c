import { z } from "zod";
import type { MemberRow } from "../../../../repositories/memberships.js";
import { inviteMember } from "../../../../services/account-links.js";
import type { ServiceContext } from "../../../../services/context.js";
import { randomToken } from "../../../../services/secrets.js";
import { addMember, listMembers, removeMember, setMemberRoles } from "../../../../services/user-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";
import { addMemberBody, memberParams, memberResponse, setRolesBody } from "./schema.js";

function presentMember(member: MemberRow): z.infer<typeof memberResponse> {
  return {
    id: member.userId,
    email: member.email,
    name: member.name,
    roles: member.roles,
    mustChangePassword: member.mustChangePassword,
    active: member.active,
    lastLoginAt: member.lastLoginAt?.toISOString() ?? null,
  };
}

export function registerUserRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/business-units/:buId/users",
    {
      schema: {
        tags: ["users"],
        summary: "Staff of a business unit with their roles (admins)",
        params: businessUnitParams,
        response: { 200: z.array(memberResponse), ...errorResponses },
      },
    },
    async (request) => (await listMembers(context, actorOf(request), request.params.buId)).map(presentMember),
  );

  app.post(
    "/business-units/:buId/users",
    {
      schema: {
        tags: ["users"],
        summary:
          "Add a staff member (admins): with an initial password to change at first sign-in, or without one to email an invitation link",
        params: businessUnitParams,
        body: addMemberBody,
        response: { 201: memberResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { password, ...rest } = request.body;
      // Without a password, the account gets one nobody knows until the invitation sets a real one.
      const member = await addMember(context, actor, request.params.buId, {
        ...rest,
        password: password ?? `${randomToken()}Aa1!`,
      });
      if (password === undefined && member.mustChangePassword) {
        await inviteMember(context, actor, request.params.buId, member.userId);
      }
      return reply.status(201).send(presentMember(member));
    },
  );

  app.post(
    "/business-units/:buId/users/:userId/invitation",
    {
      schema: {
        tags: ["users"],
        summary: "Email the member a single-use link (one hour) to choose their password (admins)",
        params: memberParams,
        response: { 202: z.object({ sent: z.literal(true) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await inviteMember(context, actorOf(request), request.params.buId, request.params.userId);
      return reply.status(202).send({ sent: true });
    },
  );

  app.put(
    "/business-units/:buId/users/:userId/roles",
    {
      schema: {
        tags: ["users"],
        summary: "Replace a staff member's roles in the business unit (admins)",
        params: memberParams,
        body: setRolesBody,
        response: { 200: memberResponse, ...errorResponses },
      },
    },
    async (request) =>
      presentMember(
        await setMemberRoles(
          context,
          actorOf(request),
          request.params.buId,
          request.params.userId,
          request.body.roles,
        ),
      ),
  );

  app.delete(
    "/business-units/:buId/users/:userId",
    {
      schema: {
        tags: ["users"],
        summary: "Remove a staff member from the business unit (admins)",
        params: memberParams,
      },
    },
    async (request, reply) => {
      await removeMember(context, actorOf(request), request.params.buId, request.params.userId);
      return reply.status(204).send();
    },
  );
}
