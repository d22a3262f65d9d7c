import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import sharp from "sharp";
import { activities, activityTypes, businessUnits, customers } from "../../db/schema/index.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { fileRepository } from "../../repositories/files.js";
import { findBusinessUnitBySlug } from "../../repositories/portal-slugs.js";
import type { Actor } from "../access.js";
import { createActivityType } from "../catalog-service.js";
import type { ServiceContext } from "../context.js";
import { savePortalActions } from "../portal/action-service.js";
import { updatePortalDisplay } from "../portal/display-service.js";
import type { DemoCatalog } from "./catalog.js";

/**
 * The demo's customer portal: the LYON unit's portal at `/portal/thermique-rhone`, its activity
 * types shown with texts that use replacement codes, and two customers with fixed contact details
 * that the README lists, so that a person trying Rondo can sign in as a customer.
 * NOTE: the numbers are valid mobile numbers, as sign-in requires, and may belong to someone:
 * the demo runs with SMS_TRANSPORT=log, which texts nobody.
 */
export const DEMO_PORTAL = {
  slug: "thermique-rhone",
  /** Has the next scheduled boiler maintenance visit. */
  upcomingCustomer: { email: "portail.demo@example.com", mobile: "+33600000001" },
  /** Had the latest finished visit. */
  pastCustomer: { email: "portail.sms@example.com", mobile: "+33600000002" },
} as const;

const INFORMATION = [
  "Bienvenue dans votre **espace client** Thermique Rhône Services.",
  "",
  "Vous y retrouvez vos rendez-vous et le détail de chaque intervention.",
  "",
  "- Urgence chauffage : appelez le 04 78 00 00 00, 7 jours sur 7",
  "- Horaires du standard : du lundi au vendredi, de 8 h à 18 h",
  "",
  "Une question ? Écrivez-nous à [contact@rondo-demo.example](mailto:contact@rondo-demo.example).",
].join("\n");

/** Texts per demo activity kind; `{form.…}` codes read the activity form's answers. */
const DISPLAY: Record<string, { title: string; description: string; longDescription: string }> = {
  maintenance: {
    title: "Entretien annuel de votre chaudière",
    description: "{activity.date} · {activity.time}",
    longDescription: [
      "Bonjour {customer.first_name},",
      "",
      "Créneau d’arrivée : {activity.window}",
      "",
      "Notre technicien vérifie et nettoie votre chaudière, contrôle la combustion et vous remet l’attestation d’entretien.",
      "Marque de la chaudière : {form.marque_chaudiere}",
      "Technicien : {activity.worker}",
      "",
      "Merci de dégager l’accès à la chaudière avant notre passage.",
    ].join("\n"),
  },
  repair: {
    title: "Dépannage : {form.panne}",
    description: "{activity.date} · {activity.time}",
    longDescription: [
      "Nous intervenons pour la panne signalée : {form.panne}.",
      "{form.description}",
      "Technicien : {activity.worker}",
    ].join("\n"),
  },
  installation: {
    title: "Installation de votre pompe à chaleur",
    description: "{activity.date} · {activity.time}",
    longDescription: [
      "Pose et mise en service de votre pompe à chaleur, à l’adresse : {activity.address}.",
      "Prévoyez une journée : l’installation dure plusieurs heures.",
    ].join("\n"),
  },
  survey: {
    title: "Votre avis sur notre intervention",
    description: "Référence {activity.reference}",
    longDescription:
      "Dites-nous en une minute comment s’est passée notre visite : votre avis nous aide à progresser.",
  },
};

/** A plain logo drawn in SVG and re-encoded to PNG, as an uploaded logo would be. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect width="256" height="256" rx="48" fill="#1c7ed6"/>
  <path d="M128 44c22 38 52 58 52 98a52 52 0 0 1-104 0c0-22 12-38 24-52 2 18 10 28 22 32-6-30 0-54 6-78z" fill="#fff"/>
</svg>`;

/**
 * Turns on the LYON unit's portal with the demo's logo, texts and two known customers, and sets up
 * its three portal actions through the same service as the back office, which checks them.
 */
export async function setUpDemoPortal(
  context: ServiceContext,
  actor: Actor,
  unit: BusinessUnitRow,
  catalog: DemoCatalog,
  now: Date,
): Promise<void> {
  const logo = await sharp(Buffer.from(LOGO_SVG)).png().toBuffer();
  // A database with an earlier demo organization (tests) keeps that one's slug: slugs are unique across Rondo.
  const slug = (await findBusinessUnitBySlug(context.db, DEMO_PORTAL.slug))
    ? `${DEMO_PORTAL.slug}-${unit.organizationId.slice(0, 8)}`
    : DEMO_PORTAL.slug;
  await context.db.transaction(async (tx) => {
    const file = await fileRepository(tx, unit.organizationId).insert({
      businessUnitId: unit.id,
      fileName: "logo.png",
      contentType: "image/png",
      sizeBytes: logo.length,
      sha256: createHash("sha256").update(logo).digest("hex"),
      content: logo,
      createdAt: now,
      createdBy: null,
    });
    await tx
      .update(businessUnits)
      .set({
        portalEnabled: true,
        portalSlug: slug,
        portalLogoFileId: file.id,
        portalSettings: {
          displayName: "Thermique Rhône Services",
          contactPhone: "+33478000000",
          contactEmail: "contact@rondo-demo.example",
          address: "20 Rue de la République\n69002 Lyon",
          information: INFORMATION,
          loginChannels: "both",
        },
        updatedAt: now,
      })
      .where(and(eq(businessUnits.organizationId, unit.organizationId), eq(businessUnits.id, unit.id)));

    for (const [kind, type] of Object.entries(catalog)) {
      const display = DISPLAY[kind];
      if (!display || !type) continue;
      await tx
        .update(activityTypes)
        .set({ portalDisplay: { shown: true, ...display }, updatedAt: now })
        .where(and(eq(activityTypes.organizationId, unit.organizationId), eq(activityTypes.id, type.id)));
    }

    const inUnit = and(
      eq(activities.organizationId, unit.organizationId),
      eq(activities.businessUnitId, unit.id),
    );
    const [upcoming] = await tx
      .select({ customerId: activities.customerId })
      .from(activities)
      .where(
        and(
          inUnit,
          eq(activities.status, "pending"),
          eq(activities.activityTypeId, maintenanceTypeId(catalog)),
          gt(activities.startAt, now),
        ),
      )
      .orderBy(asc(activities.startAt))
      .limit(1);
    const [past] = await tx
      .select({ customerId: activities.customerId })
      .from(activities)
      .where(and(inUnit, eq(activities.status, "terminated")))
      .orderBy(desc(activities.closedAt))
      .limit(1);
    for (const [row, contact] of [
      [upcoming, DEMO_PORTAL.upcomingCustomer],
      [past, DEMO_PORTAL.pastCustomer],
    ] as const) {
      if (!row?.customerId) throw new Error("The demo has no visit to give a portal customer.");
      await tx
        .update(customers)
        .set({
          email: contact.email,
          emailNormalized: contact.email,
          mobile: contact.mobile,
          portalAccess: true,
          updatedAt: now,
        })
        .where(and(eq(customers.organizationId, unit.organizationId), eq(customers.id, row.customerId)));
    }
  });
  await setUpDemoActions(context, actor, unit, catalog);
}

/**
 * The demo's three portal actions: book a maintenance visit from the home page (a form and a
 * scheduling step), ask to reschedule an open visit as a linked request while it is more than
 * 24 h ahead, and answer the satisfaction survey that closing a maintenance visit creates.
 */
async function setUpDemoActions(
  context: ServiceContext,
  actor: Actor,
  unit: BusinessUnitRow,
  catalog: DemoCatalog,
): Promise<void> {
  const { maintenance, survey } = catalog;
  if (!maintenance || !survey) throw new Error("The demo catalog lacks the maintenance or survey type.");
  const request = await createActivityType(context, actor, unit.id, {
    name: "Demande de report",
    colour: "#7048e8",
    operatingMode: "task",
    defaultDurationMinutes: 15,
  });
  await updatePortalDisplay(context, actor, unit.id, request.id, {
    shown: true,
    title: "Votre demande de report",
    description: "Référence {activity.reference}",
    longDescription:
      "Nous avons bien reçu votre demande. Nous vous appelons pour convenir d’une nouvelle date.",
  });
  const maintenanceForm = maintenance.activityForm.fields.filter((field) => field.code !== "animaux");
  await savePortalActions(context, actor, unit.id, maintenance.id, [
    {
      label: { en: "Book a boiler maintenance visit", fr: "Réserver un entretien de chaudière" },
      effect: "create_activity",
      targetTypeId: maintenance.id,
      form: { fields: maintenanceForm },
      scheduling: true,
      conditions: null,
    },
    {
      label: { en: "Ask to reschedule", fr: "Demander un report" },
      effect: "create_linked_activity",
      targetTypeId: request.id,
      form: {
        fields: [
          {
            code: "motif",
            type: "long_text",
            label: {
              en: "Why and when would suit you?",
              fr: "Pourquoi, et quand cela vous arrangerait-il ?",
            },
            required: true,
          },
        ],
      },
      conditions: {
        combinator: "and",
        items: [
          { kind: "state", operator: "is", states: ["scheduled"] },
          { kind: "starts_in", operator: "more_than", hours: 24 },
          { kind: "used_at_most", times: 1 },
        ],
      },
    },
  ]);
  await savePortalActions(context, actor, unit.id, survey.id, [
    {
      label: { en: "Answer the survey", fr: "Répondre à l’enquête" },
      effect: "close_activity",
      form: survey.activityForm,
      conditions: { combinator: "and", items: [{ kind: "state", operator: "is", states: ["open"] }] },
    },
  ]);
}

function maintenanceTypeId(catalog: DemoCatalog): string {
  const id = catalog.maintenance?.id;
  if (!id) throw new Error("The demo catalog lacks the maintenance type.");
  return id;
}
