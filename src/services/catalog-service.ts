import {
  type Answers,
  defaultActivityForm,
  defaultClosingForm,
  type FormDefinition,
  type FormKind,
  type FormProblem,
  validateAnswers,
  validateFormDefinition,
} from "../domain/forms/index.js";
import { searchKey } from "../domain/text/keys.js";
import { type ActivityTypeRow, catalogRepository } from "../repositories/catalog.js";
import { fileRepository } from "../repositories/files.js";
import { teamRepository } from "../repositories/team.js";
import { type FieldProblem, notFound } from "../server/errors.js";
import { type Actor, requireMember, requireRole } from "./access.js";
import type { ServiceContext } from "./context.js";
import { validationError } from "./problems.js";

export const OPERATING_MODES = ["on_site", "remote", "task"] as const;
export type OperatingMode = (typeof OPERATING_MODES)[number];

export interface ActivityType {
  id: string;
  name: string;
  colour: string;
  operatingMode: OperatingMode;
  defaultDurationMinutes: number;
  requiredSkills: { skillId: string; name: string; minimumLevel: number }[];
  activityForm: FormDefinition;
  closingForm: FormDefinition;
  archived: boolean;
  /** When an activity of this type is closed, a linked activity of this type is created. */
  followUpTypeId: string | null;
}

export interface ActivityTypeInput {
  name?: string;
  colour?: string;
  operatingMode?: OperatingMode;
  defaultDurationMinutes?: number;
  requiredSkills?: { skillId: string; minimumLevel: number }[];
  activityForm?: unknown;
  closingForm?: unknown;
  archived?: boolean;
  followUpTypeId?: string | null;
}

const COLOUR_PATTERN = /^#[0-9a-f]{6}$/i;

export async function listActivityTypes(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<ActivityType[]> {
  requireMember(actor, businessUnitId);
  const catalog = catalogRepository(context.db, actor.organizationId);
  const rows = await catalog.list(businessUnitId);
  const skills = await catalog.listRequiredSkills(rows.map((row) => row.id));
  return rows.map((row) => present(row, skills));
}

export async function getActivityType(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
): Promise<ActivityType> {
  requireMember(actor, businessUnitId);
  const catalog = catalogRepository(context.db, actor.organizationId);
  const row = await catalog.find(businessUnitId, id);
  if (!row) throw notFound("Activity type not found.");
  return present(row, await catalog.listRequiredSkills([row.id]));
}

/** Creates an activity type; forms default to an empty activity form and the closing form's system fields. */
export async function createActivityType(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  input: ActivityTypeInput & { name: string },
): Promise<ActivityType> {
  requireRole(actor, businessUnitId, ["admin"]);
  const complete = {
    colour: "#1c7ed6",
    operatingMode: "on_site" as const,
    defaultDurationMinutes: 60,
    activityForm: defaultActivityForm(),
    closingForm: defaultClosingForm(),
    ...withoutUndefined(input),
  };
  return saveActivityType(context, actor, businessUnitId, undefined, complete);
}

export async function updateActivityType(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string,
  input: ActivityTypeInput,
): Promise<ActivityType> {
  requireRole(actor, businessUnitId, ["admin"]);
  return saveActivityType(context, actor, businessUnitId, id, withoutUndefined(input));
}

async function saveActivityType(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  id: string | undefined,
  input: ActivityTypeInput,
): Promise<ActivityType> {
  const problems: FieldProblem[] = [];
  const forms: { activityForm?: FormDefinition; closingForm?: FormDefinition } = {};
  for (const [key, kind] of [
    ["activityForm", "activity"],
    ["closingForm", "closing"],
  ] as const) {
    if (input[key] === undefined) continue;
    const result = validateFormDefinition(input[key], { kind });
    if (result.ok) forms[key] = result.form;
    else problems.push(...prefixProblems(result.problems, key));
  }
  if (input.colour !== undefined && !COLOUR_PATTERN.test(input.colour)) {
    problems.push({
      path: "colour",
      code: "invalid_colour",
      value: input.colour,
      message: "use the #rrggbb form, such as #1c7ed6",
    });
  }
  const name = input.name?.trim();
  if (input.name !== undefined && !name)
    problems.push({ path: "name", code: "missing", message: "give the activity type a name" });

  return context.db.transaction(async (tx) => {
    const catalog = catalogRepository(tx, actor.organizationId);
    if (input.requiredSkills) {
      const known = await teamRepository(tx, actor.organizationId).findSkillsByIds(
        businessUnitId,
        input.requiredSkills.map((entry) => entry.skillId),
      );
      input.requiredSkills.forEach((entry, index) => {
        if (!known.some((skill) => skill.id === entry.skillId)) {
          problems.push({
            path: `requiredSkills.${index}.skillId`,
            code: "unknown_skill",
            value: entry.skillId,
            message: "no such skill in this business unit",
          });
        }
        if (!Number.isInteger(entry.minimumLevel) || entry.minimumLevel < 1 || entry.minimumLevel > 5) {
          problems.push({
            path: `requiredSkills.${index}.minimumLevel`,
            code: "invalid_level",
            value: entry.minimumLevel,
            message: "use a level from 1 to 5",
          });
        }
      });
    }
    if (name) {
      const clash = await catalog.findByNameKey(businessUnitId, searchKey(name));
      if (clash && clash.id !== id) {
        problems.push({
          path: "name",
          code: "name_taken",
          value: name,
          message: "another activity type has this name",
        });
      }
    }
    if (input.followUpTypeId) {
      const followUp = await catalog.find(businessUnitId, input.followUpTypeId);
      if (!followUp || followUp.id === id) {
        problems.push({
          path: "followUpTypeId",
          code: "invalid_follow_up",
          value: input.followUpTypeId,
          message: followUp
            ? "a type cannot be its own follow-up"
            : "no such activity type in this business unit",
        });
      }
    }
    if (problems.length > 0) throw validationError(problems);

    const now = context.clock.now();
    const fields = {
      ...(name ? { name, nameKey: searchKey(name) } : {}),
      ...(input.colour !== undefined ? { colour: input.colour } : {}),
      ...(input.operatingMode !== undefined ? { operatingMode: input.operatingMode } : {}),
      ...(input.defaultDurationMinutes !== undefined
        ? { defaultDurationMinutes: input.defaultDurationMinutes }
        : {}),
      ...(input.archived !== undefined ? { archived: input.archived } : {}),
      ...(input.followUpTypeId !== undefined ? { followUpTypeId: input.followUpTypeId } : {}),
      ...forms,
    };
    let row: ActivityTypeRow | undefined;
    if (id) {
      row = await catalog.update(businessUnitId, id, fields, now);
      if (!row) throw notFound("Activity type not found.");
    } else {
      row = await catalog.insert(businessUnitId, fields as Parameters<typeof catalog.insert>[1], now);
    }
    if (input.requiredSkills) await catalog.replaceRequiredSkills(row.id, input.requiredSkills);
    context.logger.info(
      { event: id ? "activity_type_updated" : "activity_type_created", activityTypeId: row.id },
      "activity type saved",
    );
    return present(row, await catalog.listRequiredSkills([row.id]));
  });
}

/**
 * Checks answers against one of the type's forms, as the server does whenever answers are stored:
 * types, required visible fields, display conditions, and that every file answer is a file of
 * the organization. Returns the normalized answers.
 */
export async function checkAnswers(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  activityTypeId: string,
  kind: FormKind,
  answers: Record<string, unknown>,
  options: { partial?: boolean; draftForm?: unknown } = {},
): Promise<Answers> {
  const type = await getActivityType(context, actor, businessUnitId, activityTypeId);
  let form = kind === "activity" ? type.activityForm : type.closingForm;
  if (options.draftForm !== undefined) {
    // The form editor's preview checks answers against the form being edited, before it is saved.
    const draft = validateFormDefinition(options.draftForm, { kind });
    if (!draft.ok) throw validationError(prefixProblems(draft.problems, "form"));
    form = draft.form;
  }
  const result = validateAnswers(form, answers, options);
  if (!result.ok) throw validationError(result.problems);
  const fileIds = referencedFileIds(form, result.answers);
  const existing = await fileRepository(context.db, actor.organizationId).existingIds(
    fileIds.map((entry) => entry.id),
  );
  const missing = fileIds.filter((entry) => !existing.has(entry.id));
  if (missing.length > 0) {
    throw validationError(
      missing.map((entry) => ({
        path: `answers.${entry.code}`,
        code: "unknown_file",
        value: entry.id,
        message: "this file was not uploaded to this organization; upload it again",
      })),
    );
  }
  return result.answers;
}

function referencedFileIds(form: FormDefinition, answers: Answers): { code: string; id: string }[] {
  const references: { code: string; id: string }[] = [];
  for (const field of form.fields) {
    if (field.type !== "signature" && field.type !== "file") continue;
    const value = answers[field.code];
    const ids = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    for (const id of ids) references.push({ code: field.code, id: String(id) });
  }
  return references;
}

function prefixProblems(problems: FormProblem[], prefix: string): FieldProblem[] {
  return problems.map((problem) => ({ ...problem, path: `${prefix}.${problem.path}` }));
}

function withoutUndefined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

function present(
  row: ActivityTypeRow,
  skills: { activityTypeId: string; skillId: string; name: string; minimumLevel: number }[],
): ActivityType {
  return {
    id: row.id,
    name: row.name,
    colour: row.colour,
    operatingMode: (OPERATING_MODES as readonly string[]).includes(row.operatingMode)
      ? (row.operatingMode as OperatingMode)
      : "on_site",
    defaultDurationMinutes: row.defaultDurationMinutes,
    requiredSkills: skills
      .filter((skill) => skill.activityTypeId === row.id)
      .map(({ skillId, name, minimumLevel }) => ({ skillId, name, minimumLevel })),
    activityForm: row.activityForm,
    closingForm: row.closingForm,
    archived: row.archived,
    followUpTypeId: row.followUpTypeId,
  };
}
