import { z } from "zod";
import { FORM_KINDS } from "../../../../domain/forms/index.js";
import { OPERATING_MODES } from "../../../../services/catalog-service.js";

export const activityTypeParams = z.object({ buId: z.uuid(), typeId: z.uuid() });
export const formParams = activityTypeParams.extend({ kind: z.enum(FORM_KINDS) });

/** A form definition as stored; the forms domain checks it field by field and names each problem. */
const formDefinition = z.object({ fields: z.array(z.record(z.string(), z.unknown())) });

const requiredSkill = z.object({ skillId: z.uuid(), minimumLevel: z.number().int() });

export const activityTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  colour: z.string(),
  operatingMode: z.enum(OPERATING_MODES),
  defaultDurationMinutes: z.number(),
  requiredSkills: z.array(z.object({ skillId: z.string(), name: z.string(), minimumLevel: z.number() })),
  activityForm: formDefinition,
  closingForm: formDefinition,
  archived: z.boolean(),
  followUpTypeId: z.string().nullable(),
});

const editableFields = {
  name: z.string().max(200),
  colour: z.string().max(7),
  operatingMode: z.enum(OPERATING_MODES),
  defaultDurationMinutes: z
    .number()
    .int()
    .min(1, "use at least 1 minute")
    .max(1440, "use at most 1440 minutes (a day)"),
  requiredSkills: z.array(requiredSkill).max(50),
  activityForm: formDefinition,
  closingForm: formDefinition,
  archived: z.boolean(),
  followUpTypeId: z.uuid().nullable(),
};

export const createActivityTypeBody = z.object(editableFields).partial().required({ name: true }).strict();
export const updateActivityTypeBody = z.object(editableFields).partial().strict();

export const checkAnswersBody = z.object({
  answers: z.record(z.string(), z.unknown()),
  partial: z.boolean().optional(),
  /** An unsaved form definition to check against instead of the saved one (the editor's preview). */
  form: formDefinition.optional(),
});
export const checkAnswersResponse = z.object({ answers: z.record(z.string(), z.unknown()) });
