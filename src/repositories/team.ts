import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import {
  hoursExceptions,
  memberships,
  skills,
  unavailabilities,
  users,
  workerProfiles,
  workerSkills,
} from "../db/schema/index.js";

export type WorkerProfileRow = typeof workerProfiles.$inferSelect;
export type WorkerProfileFields = Omit<
  typeof workerProfiles.$inferInsert,
  "organizationId" | "businessUnitId" | "userId" | "createdAt" | "updatedAt"
>;
export type SkillRow = typeof skills.$inferSelect;
export type HoursExceptionRow = typeof hoursExceptions.$inferSelect;
export type UnavailabilityRow = typeof unavailabilities.$inferSelect;

export interface FieldWorkerRow {
  userId: string;
  name: string;
  email: string;
  roles: string[];
  profile: WorkerProfileRow | null;
}

/** Field workers, their profiles, skills, exceptions and unavailabilities, scoped by organization. */
export function teamRepository(db: Executor, organizationId: string) {
  return {
    /** Members of the unit holding the field_worker role, with their profile when one exists. */
    async listFieldWorkers(businessUnitId: string): Promise<FieldWorkerRow[]> {
      const rows = await db
        .select({ member: memberships, user: users, profile: workerProfiles })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(
          workerProfiles,
          and(
            eq(workerProfiles.organizationId, memberships.organizationId),
            eq(workerProfiles.businessUnitId, memberships.businessUnitId),
            eq(workerProfiles.userId, memberships.userId),
          ),
        )
        .where(
          and(eq(memberships.organizationId, organizationId), eq(memberships.businessUnitId, businessUnitId)),
        )
        .orderBy(asc(users.name));
      return rows
        .filter((row) => row.member.roles.includes("field_worker") && row.user.active)
        .map((row) => ({
          userId: row.user.id,
          name: row.user.name,
          email: row.user.email,
          roles: row.member.roles,
          profile: row.profile,
        }));
    },

    async findProfile(businessUnitId: string, userId: string): Promise<WorkerProfileRow | undefined> {
      const [row] = await db
        .select()
        .from(workerProfiles)
        .where(
          and(
            eq(workerProfiles.organizationId, organizationId),
            eq(workerProfiles.businessUnitId, businessUnitId),
            eq(workerProfiles.userId, userId),
          ),
        )
        .limit(1);
      return row;
    },

    async upsertProfile(
      businessUnitId: string,
      userId: string,
      fields: WorkerProfileFields,
      now: Date,
    ): Promise<WorkerProfileRow> {
      const [row] = await db
        .insert(workerProfiles)
        .values({ ...fields, organizationId, businessUnitId, userId, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [workerProfiles.organizationId, workerProfiles.businessUnitId, workerProfiles.userId],
          set: { ...fields, updatedAt: now },
        })
        .returning();
      return row!;
    },

    async listSkills(businessUnitId: string): Promise<SkillRow[]> {
      return db
        .select()
        .from(skills)
        .where(and(eq(skills.organizationId, organizationId), eq(skills.businessUnitId, businessUnitId)))
        .orderBy(asc(skills.nameKey));
    },

    async findSkillsByIds(businessUnitId: string, ids: string[]): Promise<SkillRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(skills)
        .where(
          and(
            eq(skills.organizationId, organizationId),
            eq(skills.businessUnitId, businessUnitId),
            inArray(skills.id, ids),
          ),
        );
    },

    async findSkillByNameKey(businessUnitId: string, nameKey: string): Promise<SkillRow | undefined> {
      const [row] = await db
        .select()
        .from(skills)
        .where(
          and(
            eq(skills.organizationId, organizationId),
            eq(skills.businessUnitId, businessUnitId),
            eq(skills.nameKey, nameKey),
          ),
        )
        .limit(1);
      return row;
    },

    async insertSkill(businessUnitId: string, name: string, nameKey: string, now: Date): Promise<SkillRow> {
      const [row] = await db
        .insert(skills)
        .values({ organizationId, businessUnitId, name, nameKey, createdAt: now })
        .returning();
      return row!;
    },

    async renameSkill(
      businessUnitId: string,
      id: string,
      name: string,
      nameKey: string,
    ): Promise<SkillRow | undefined> {
      const [row] = await db
        .update(skills)
        .set({ name, nameKey })
        .where(
          and(
            eq(skills.organizationId, organizationId),
            eq(skills.businessUnitId, businessUnitId),
            eq(skills.id, id),
          ),
        )
        .returning();
      return row;
    },

    async deleteSkill(businessUnitId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(skills)
        .where(
          and(
            eq(skills.organizationId, organizationId),
            eq(skills.businessUnitId, businessUnitId),
            eq(skills.id, id),
          ),
        )
        .returning({ id: skills.id });
      return rows.length > 0;
    },

    async listWorkerSkills(businessUnitId: string, userIds?: string[]) {
      const conditions = [
        eq(workerSkills.organizationId, organizationId),
        eq(workerSkills.businessUnitId, businessUnitId),
      ];
      if (userIds) {
        if (userIds.length === 0) return [];
        conditions.push(inArray(workerSkills.userId, userIds));
      }
      return db
        .select({
          userId: workerSkills.userId,
          skillId: workerSkills.skillId,
          level: workerSkills.level,
          name: skills.name,
        })
        .from(workerSkills)
        .innerJoin(
          skills,
          and(eq(skills.organizationId, workerSkills.organizationId), eq(skills.id, workerSkills.skillId)),
        )
        .where(and(...conditions))
        .orderBy(asc(skills.nameKey));
    },

    async replaceWorkerSkills(
      businessUnitId: string,
      userId: string,
      levels: { skillId: string; level: number }[],
    ): Promise<void> {
      await db
        .delete(workerSkills)
        .where(
          and(
            eq(workerSkills.organizationId, organizationId),
            eq(workerSkills.businessUnitId, businessUnitId),
            eq(workerSkills.userId, userId),
          ),
        );
      if (levels.length === 0) return;
      await db
        .insert(workerSkills)
        .values(levels.map((entry) => ({ organizationId, businessUnitId, userId, ...entry })));
    },

    async listExceptions(businessUnitId: string, userId: string): Promise<HoursExceptionRow[]> {
      return db
        .select()
        .from(hoursExceptions)
        .where(
          and(
            eq(hoursExceptions.organizationId, organizationId),
            eq(hoursExceptions.businessUnitId, businessUnitId),
            eq(hoursExceptions.userId, userId),
          ),
        )
        .orderBy(asc(hoursExceptions.createdAt), asc(hoursExceptions.fromDate));
    },

    async listExceptionsOfWorkers(businessUnitId: string, userIds: string[]): Promise<HoursExceptionRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(hoursExceptions)
        .where(
          and(
            eq(hoursExceptions.organizationId, organizationId),
            eq(hoursExceptions.businessUnitId, businessUnitId),
            inArray(hoursExceptions.userId, userIds),
          ),
        )
        .orderBy(asc(hoursExceptions.createdAt), asc(hoursExceptions.fromDate));
    },

    async listUnavailabilitiesOfWorkers(
      userIds: string[],
      from: Date,
      to: Date,
    ): Promise<UnavailabilityRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(unavailabilities)
        .where(
          and(
            eq(unavailabilities.organizationId, organizationId),
            inArray(unavailabilities.userId, userIds),
            lt(unavailabilities.startAt, to),
            gt(unavailabilities.endAt, from),
          ),
        )
        .orderBy(asc(unavailabilities.startAt));
    },

    async insertException(
      values: Omit<typeof hoursExceptions.$inferInsert, "organizationId" | "id">,
    ): Promise<HoursExceptionRow> {
      const [row] = await db
        .insert(hoursExceptions)
        .values({ ...values, organizationId })
        .returning();
      return row!;
    },

    async deleteException(businessUnitId: string, userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(hoursExceptions)
        .where(
          and(
            eq(hoursExceptions.organizationId, organizationId),
            eq(hoursExceptions.businessUnitId, businessUnitId),
            eq(hoursExceptions.userId, userId),
            eq(hoursExceptions.id, id),
          ),
        )
        .returning({ id: hoursExceptions.id });
      return rows.length > 0;
    },

    /** Unavailabilities of a person that overlap [from, to), in every unit of the organization. */
    async listUnavailabilities(userId: string, from: Date, to: Date): Promise<UnavailabilityRow[]> {
      return db
        .select()
        .from(unavailabilities)
        .where(
          and(
            eq(unavailabilities.organizationId, organizationId),
            eq(unavailabilities.userId, userId),
            lt(unavailabilities.startAt, to),
            gt(unavailabilities.endAt, from),
          ),
        )
        .orderBy(asc(unavailabilities.startAt));
    },

    async insertUnavailability(
      values: Omit<typeof unavailabilities.$inferInsert, "organizationId" | "id">,
    ): Promise<UnavailabilityRow> {
      const [row] = await db
        .insert(unavailabilities)
        .values({ ...values, organizationId })
        .returning();
      return row!;
    },

    async deleteUnavailability(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(unavailabilities)
        .where(
          and(
            eq(unavailabilities.organizationId, organizationId),
            eq(unavailabilities.userId, userId),
            eq(unavailabilities.id, id),
          ),
        )
        .returning({ id: unavailabilities.id });
      return rows.length > 0;
    },
  };
}
