import {
  type ChoiceOption,
  defaultClosingForm,
  type FormDefinition,
  type FormField,
  type LocalizedText,
  withClosingSystemFields,
} from "../../domain/forms/index.js";
import type { Actor } from "../access.js";
import {
  type ActivityType,
  createActivityType,
  type OperatingMode,
  updateActivityType,
} from "../catalog-service.js";
import type { ServiceContext } from "../context.js";

/** The kinds of job the demo plans. Each maps to one activity type of a unit. */
export type VisitKind = "maintenance" | "repair" | "installation";
export type DemoKind = VisitKind | "survey";

export interface DemoActivityType {
  kind: DemoKind;
  name: string;
  colour: string;
  operatingMode: OperatingMode;
  defaultDurationMinutes: number;
  requiredSkill?: { name: string; minimumLevel: number };
  activityForm: FormDefinition;
  closingForm: FormDefinition;
}

function text(en: string, fr: string): LocalizedText {
  return { en, fr };
}

function option(value: string, en: string, fr: string = en): ChoiceOption {
  return { value, label: text(en, fr) };
}

const REMARK_FIELD: FormField = {
  code: "remarque",
  type: "long_text",
  label: text("Remarks", "Remarque"),
  required: false,
};

const PHOTO_FIELD: FormField = {
  code: "photo",
  type: "file",
  label: text("Photo", "Photo"),
  helpText: text("A photo of the equipment after the work", "Une photo de l'équipement après l'intervention"),
  required: false,
  maxCount: 3,
};

export const BOILER_BRANDS = [
  option("saunier_duval", "Saunier Duval"),
  option("frisquet", "Frisquet"),
  option("de_dietrich", "De Dietrich"),
  option("viessmann", "Viessmann"),
  option("chaffoteaux", "Chaffoteaux"),
  option("elm_leblanc", "ELM Leblanc"),
  option("vaillant", "Vaillant"),
  option("autre", "Other", "Autre"),
];

export const FAULTS = [
  option("pas_de_chauffage", "No heating", "Pas de chauffage"),
  option("pas_d_eau_chaude", "No hot water", "Pas d'eau chaude"),
  option("fuite", "Leak", "Fuite"),
  option("bruit", "Unusual noise", "Bruit anormal"),
  option("autre", "Other", "Autre"),
];

const MAINTENANCE_FORM: FormDefinition = {
  fields: [
    {
      code: "marque_chaudiere",
      type: "single_choice",
      label: text("Boiler brand", "Marque de la chaudière"),
      required: true,
      options: BOILER_BRANDS,
    },
    {
      code: "code_acces",
      type: "short_text",
      label: text("Access code", "Code d'accès"),
      helpText: text("Door or gate code, if there is one", "Digicode ou code du portail, s'il y en a un"),
      required: false,
    },
    { code: "animaux", type: "yes_no", label: text("Pets at home", "Animaux à la maison"), required: false },
  ],
};

/** Returns a boiler maintenance type, the unit's main job. */
export function maintenanceType(name: string, durationMinutes: number, skill: string, level: number) {
  return {
    kind: "maintenance",
    name,
    colour: "#1c7ed6",
    operatingMode: "on_site",
    defaultDurationMinutes: durationMinutes,
    requiredSkill: { name: skill, minimumLevel: level },
    activityForm: MAINTENANCE_FORM,
    closingForm: { fields: withClosingSystemFields([REMARK_FIELD, PHOTO_FIELD]) },
  } satisfies DemoActivityType;
}

export const REPAIR_TYPE: DemoActivityType = {
  kind: "repair",
  name: "Dépannage",
  colour: "#e03131",
  operatingMode: "on_site",
  defaultDurationMinutes: 60,
  activityForm: {
    fields: [
      {
        code: "panne",
        type: "single_choice",
        label: text("Fault", "Panne constatée"),
        required: true,
        options: FAULTS,
      },
      { code: "description", type: "long_text", label: text("Description", "Description"), required: false },
    ],
  },
  closingForm: {
    fields: withClosingSystemFields([
      REMARK_FIELD,
      { code: "pieces", type: "yes_no", label: text("Parts replaced", "Pièces remplacées"), required: false },
    ]),
  },
};

export const INSTALLATION_TYPE: DemoActivityType = {
  kind: "installation",
  name: "Installation pompe à chaleur",
  colour: "#2f9e44",
  operatingMode: "on_site",
  defaultDurationMinutes: 240,
  requiredSkill: { name: "Pompe à chaleur", minimumLevel: 3 },
  activityForm: {
    fields: [
      {
        code: "logement",
        type: "single_choice",
        label: text("Type of home", "Type de logement"),
        required: true,
        options: [option("maison", "House", "Maison"), option("appartement", "Flat", "Appartement")],
      },
      {
        code: "surface",
        type: "number",
        label: text("Heated area (m²)", "Surface chauffée (m²)"),
        required: false,
        min: 10,
        max: 2000,
        integer: true,
      },
    ],
  },
  closingForm: {
    fields: withClosingSystemFields([
      {
        code: "mise_en_service",
        type: "yes_no",
        label: text("Commissioned", "Mise en service effectuée"),
        required: true,
      },
      REMARK_FIELD,
      PHOTO_FIELD,
    ]),
  },
};

/** The satisfaction survey that customers answer on the portal after a maintenance visit. */
export const SURVEY_TYPE: DemoActivityType = {
  kind: "survey",
  name: "Enquête de satisfaction",
  colour: "#f08c00",
  operatingMode: "remote",
  defaultDurationMinutes: 5,
  activityForm: {
    fields: [
      { code: "note", type: "rating", label: text("Rating", "Note"), required: true },
      { code: "commentaire", type: "long_text", label: text("Comment", "Commentaire"), required: false },
    ],
  },
  closingForm: defaultClosingForm(),
};

/** The created types of a unit by kind, with their forms as stored. */
export type DemoCatalog = Partial<Record<DemoKind, ActivityType>>;

/**
 * Creates the unit's activity types through the catalog service, which validates the forms and
 * the required skills, then points the maintenance type's follow-up at the survey when both exist.
 */
export async function createDemoCatalog(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  types: readonly DemoActivityType[],
  skillIds: ReadonlyMap<string, string>,
): Promise<DemoCatalog> {
  const catalog: DemoCatalog = {};
  for (const type of types) {
    const skillId = type.requiredSkill ? skillIds.get(type.requiredSkill.name) : undefined;
    if (type.requiredSkill && !skillId)
      throw new Error(`Demo skill "${type.requiredSkill.name}" is missing.`);
    catalog[type.kind] = await createActivityType(context, actor, businessUnitId, {
      name: type.name,
      colour: type.colour,
      operatingMode: type.operatingMode,
      defaultDurationMinutes: type.defaultDurationMinutes,
      requiredSkills:
        skillId && type.requiredSkill ? [{ skillId, minimumLevel: type.requiredSkill.minimumLevel }] : [],
      activityForm: type.activityForm,
      closingForm: type.closingForm,
    });
  }
  const maintenance = catalog.maintenance;
  const survey = catalog.survey;
  if (maintenance && survey) {
    await updateActivityType(context, actor, businessUnitId, maintenance.id, { followUpTypeId: survey.id });
  }
  return catalog;
}
