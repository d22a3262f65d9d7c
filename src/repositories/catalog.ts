import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { activityTypeSkills, activityTypes, skills } from "../db/schema/index.js";

export type ActivityTypeRow = typeof activityTypes.$inferSelect;
export type ActivityTypeFields = Omit<
  typeof activityTypes.$inferInsert,
  "organizationId" | "id" | "businessUnitId" | "createdAt" | "updatedAt"
>;

export interface RequiredSkillRow {
  activityTypeId: string;
  skillId: string;
  name: string;
  minimumLevel: number;
}

/** The activity-type catalog of an organization; every query is scoped by it. */
export function catalogRepository(db: Executor, organizationId: string) {
  const inUnit = (businessUnitId: string) =>
    and(eq(activityTypes.organizationId, organizationId), eq(activityTypes.businessUnitId, businessUnitId));

  return {
    async list(businessUnitId: string): Promise<ActivityTypeRow[]> {
      return db
        .select()
        .from(activityTypes)
        .where(inUnit(businessUnitId))
        .orderBy(asc(activityTypes.nameKey));
    },

    async find(businessUnitId: string, id: string): Promise<ActivityTypeRow | undefined> {
      const [row] = await db
        .select()
        .from(activityTypes)
        .where(and(inUnit(businessUnitId), eq(activityTypes.id, id)))
        .limit(1);
      return row;
    },

    async findByNameKey(businessUnitId: string, nameKey: string): Promise<ActivityTypeRow | undefined> {
      const [row] = await db
        .select()
        .from(activityTypes)
        .where(and(inUnit(businessUnitId), eq(activityTypes.nameKey, nameKey)))
        .limit(1);
      return row;
    },

    async insert(businessUnitId: string, fields: ActivityTypeFields, now: Date): Promise<ActivityTypeRow> {
      const [row] = await db
        .insert(activityTypes)
        .values({ ...fields, organizationId, businessUnitId, createdAt: now, updatedAt: now })
        .returning();
      return row!;
    },

    async update(
      businessUnitId: string,
      id: string,
      changes: Partial<ActivityTypeFields>,
      now: Date,
    ): Promise<ActivityTypeRow | undefined> {
      const [row] = await db
        .update(activityTypes)
        .set({ ...changes, updatedAt: now })
        .where(and(inUnit(businessUnitId), eq(activityTypes.id, id)))
        .returning();
      return row;
    },

    async listRequiredSkills(activityTypeIds: string[]): Promise<RequiredSkillRow[]> {
      if (activityTypeIds.length === 0) return [];
      return db
        .select({
          activityTypeId: activityTypeSkills.activityTypeId,
          skillId: activityTypeSkills.skillId,
          name: skills.name,
          minimumLevel: activityTypeSkills.minimumLevel,
        })
        .from(activityTypeSkills)
        .innerJoin(
          skills,
          and(
            eq(skills.organizationId, activityTypeSkills.organizationId),
            eq(skills.id, activityTypeSkills.skillId),
          ),
        )
        .where(
          and(
            eq(activityTypeSkills.organizationId, organizationId),
            inArray(activityTypeSkills.activityTypeId, activityTypeIds),
          ),
        )
        .orderBy(asc(skills.nameKey));
    },

    async replaceRequiredSkills(
      activityTypeId: string,
      levels: { skillId: string; minimumLevel: number }[],
    ): Promise<void> {
      await db
        .delete(activityTypeSkills)
        .where(
          and(
            eq(activityTypeSkills.organizationId, organizationId),
            eq(activityTypeSkills.activityTypeId, activityTypeId),
          ),
        );
      if (levels.length === 0) return;
      await db
        .insert(activityTypeSkills)
        .values(levels.map((entry) => ({ organizationId, activityTypeId, ...entry })));
    },
  };
}
