import { and, eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { messageTemplates } from "../db/schema/index.js";

export type MessageTemplateRow = typeof messageTemplates.$inferSelect;

/** A business unit's own message templates, scoped by organization. */
export function messageTemplateRepository(db: Executor, organizationId: string) {
  const inUnit = (businessUnitId: string) =>
    and(
      eq(messageTemplates.organizationId, organizationId),
      eq(messageTemplates.businessUnitId, businessUnitId),
    );
  return {
    async list(businessUnitId: string): Promise<MessageTemplateRow[]> {
      return db.select().from(messageTemplates).where(inUnit(businessUnitId));
    },

    async find(businessUnitId: string, event: string, channel: string, language: string) {
      const [row] = await db
        .select()
        .from(messageTemplates)
        .where(
          and(
            inUnit(businessUnitId),
            eq(messageTemplates.event, event),
            eq(messageTemplates.channel, channel),
            eq(messageTemplates.language, language),
          ),
        )
        .limit(1);
      return row;
    },

    async upsert(values: Omit<MessageTemplateRow, "organizationId">): Promise<void> {
      await db
        .insert(messageTemplates)
        .values({ ...values, organizationId })
        .onConflictDoUpdate({
          target: [
            messageTemplates.organizationId,
            messageTemplates.businessUnitId,
            messageTemplates.event,
            messageTemplates.channel,
            messageTemplates.language,
          ],
          set: {
            subject: values.subject,
            body: values.body,
            updatedAt: values.updatedAt,
            updatedBy: values.updatedBy,
          },
        });
    },

    async remove(businessUnitId: string, event: string, channel: string, language: string): Promise<boolean> {
      const rows = await db
        .delete(messageTemplates)
        .where(
          and(
            inUnit(businessUnitId),
            eq(messageTemplates.event, event),
            eq(messageTemplates.channel, channel),
            eq(messageTemplates.language, language),
          ),
        )
        .returning({ event: messageTemplates.event });
      return rows.length > 0;
    },
  };
}
