import { randomUUID } from "node:crypto";
import type { Executor } from "../../db/database.js";
import type { Point } from "../../domain/scheduling/travel.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import { type CustomerFields, customerRepository } from "../../repositories/customers.js";
import { buildCustomerValues, type CustomerInput } from "../customers/customer-input.js";
import { allocateReferences } from "../customers/references.js";
import type { Random } from "./random.js";
import type { FrenchContent, Place, VillageAddress } from "./resources.js";

/** A stored demo customer, as the route planner and the activity writer need it. */
export interface DemoCustomer {
  id: string;
  reference: string;
  displayName: string;
  point: Point | undefined;
  address: {
    addressLine1: string | null;
    addressLine2: string | null;
    postcode: string | null;
    city: string | null;
    latitude: number | null;
    longitude: number | null;
  };
}

const METRES_PER_DEGREE = 111_320;
const INSERT_BATCH_SIZE = 100;

/**
 * Moves a point to a uniformly random place within `radiusMetres`, so that customers of one town
 * do not all stand on the town's single GeoNames point.
 */
export function jitter(random: Random, point: Point, radiusMetres: number): Point {
  const distance = radiusMetres * Math.sqrt(random.next());
  const angle = 2 * Math.PI * random.next();
  const latitude = point.latitude + (distance * Math.cos(angle)) / METRES_PER_DEGREE;
  const longitude =
    point.longitude +
    (distance * Math.sin(angle)) / (METRES_PER_DEGREE * Math.cos((point.latitude * Math.PI) / 180));
  return { latitude: round6(latitude), longitude: round6(longitude) };
}

/**
 * Returns the jitter radius of a town in metres: 4 m × √population, at least 300 m and at most
 * 2.5 km. A village keeps its customers within a few hundred metres, and Lyon spreads them over
 * its centre.
 */
export function jitterRadiusMetres(population: number): number {
  return Math.min(2_500, Math.max(300, 4 * Math.sqrt(population)));
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Lower-cased ASCII with dashes, for the local part of an invented email address. */
function emailPart(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function digits(random: Random, count: number): string {
  return Array.from({ length: count }, () => String(random.int(0, 9))).join("");
}

/**
 * Returns a French mobile number as people type it, in a block that libphonenumber accepts for mainland
 * France: 06 followed by 0–8 (0639 is Mayotte), or 073 to 079.
 */
function mobileNumber(random: Random): string {
  const prefix = random.chance(0.7)
    ? `06${random.pick(["0", "1", "2", "4", "5", "6", "7", "8"])}`
    : `07${random.int(3, 9)}`;
  return `${prefix}${digits(random, 7)}`;
}

/** Returns a landline of the 04 zone (south-east France), such as 04 78 12 34 56. */
function lyonLandline(random: Random): string {
  return `04${random.pick(["72", "78", "37", "26", "27", "74"])}${digits(random, 6)}`;
}

/** Returns a landline of the 03 82 block used around Briey and Longwy in Meurthe-et-Moselle. */
function lorraineLandline(random: Random): string {
  return `0382${digits(random, 6)}`;
}

interface PersonOrCompany {
  type: "individual" | "professional";
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
}

function personOrCompany(random: Random, content: FrenchContent, professionalShare: number): PersonOrCompany {
  const firstName = random.pick(content.firstNames);
  const lastName = random.pick(content.lastNames);
  if (!random.chance(professionalShare))
    return { type: "individual", firstName, lastName, companyName: null };
  const companyName = random.chance(0.75)
    ? random.pick(content.companyPatterns).replace("{lastName}", lastName)
    : random.pick(content.companyNames);
  // The contact person of the company.
  return { type: "professional", firstName, lastName, companyName };
}

/** Returns the address at `local@example.com`, with a number added when the address is taken. */
function uniqueEmail(local: string, usedEmails: Set<string>): string {
  let candidate = `${local}@example.com`;
  for (let number = 2; usedEmails.has(candidate); number++) candidate = `${local}${number}@example.com`;
  usedEmails.add(candidate);
  return candidate;
}

interface CustomerPlan {
  count: number;
  /** Share of professionals among the customers, from 0 to 1. */
  professionalShare: number;
  /** Number of customers stored without coordinates, as if geocoding had failed. */
  notLocated: number;
  landline: (random: Random) => string;
  /** The address of the n-th customer. */
  address: (
    random: Random,
    index: number,
  ) => {
    addressLine1: string;
    postcode: string;
    city: string;
    point: Point;
  };
}

/**
 * Builds the customers' fields with the cleaning and checks of the customer service
 * (`buildCustomerValues`), so phone numbers become E.164. A phone number that the check rejects
 * is drawn again. Throws when another field is rejected, which would be a bug of the demo.
 */
function buildCustomers(
  random: Random,
  unit: BusinessUnitRow,
  content: FrenchContent,
  plan: CustomerPlan,
): CustomerFieldsWithoutReference[] {
  const emails = new Set<string>();
  const notLocated = new Set(
    random.shuffle(Array.from({ length: plan.count }, (_, index) => index)).slice(0, plan.notLocated),
  );
  const customers: CustomerFieldsWithoutReference[] = [];
  for (let index = 0; index < plan.count; index++) {
    const person = personOrCompany(random, content, plan.professionalShare);
    const address = plan.address(random, index);
    const hasEmail = random.chance(0.92);
    const local =
      person.type === "professional"
        ? `contact.${emailPart(person.companyName!)}`
        : `${emailPart(person.firstName!)}.${emailPart(person.lastName!)}`;
    const input: CustomerInput = {
      type: person.type,
      firstName: person.firstName,
      lastName: person.lastName,
      companyName: person.companyName,
      email: hasEmail ? uniqueEmail(local, emails) : null,
      addressLine1: address.addressLine1,
      addressLine2: random.chance(0.08)
        ? random.pick(["Bâtiment B", "Appartement 12", "2e étage", "Résidence Les Cèdres"])
        : null,
      postcode: address.postcode,
      city: address.city,
      latitude: notLocated.has(index) ? null : address.point.latitude,
      longitude: notLocated.has(index) ? null : address.point.longitude,
      language: random.chance(0.03) ? "en" : "fr",
      comments: random.chance(0.15) ? random.pick(content.customerComments) : null,
      customFields: random.chance(0.4) ? { Contrat: random.pick(content.contracts) } : {},
    };
    const wantsMobile = random.chance(person.type === "individual" ? 0.9 : 0.5);
    const wantsLandline = random.chance(person.type === "individual" ? 0.25 : 0.9);
    customers.push(buildValidCustomer(random, unit, input, wantsMobile, wantsLandline, plan.landline));
  }
  return customers;
}

type CustomerFieldsWithoutReference = Omit<CustomerFields, "reference">;

function buildValidCustomer(
  random: Random,
  unit: BusinessUnitRow,
  input: CustomerInput,
  wantsMobile: boolean,
  wantsLandline: boolean,
  landline: (random: Random) => string,
): CustomerFieldsWithoutReference {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { values, problems } = buildCustomerValues(unit, undefined, {
      ...input,
      mobile: wantsMobile ? mobileNumber(random) : null,
      phone: wantsLandline ? landline(random) : null,
    });
    if (problems.length === 0) return values;
    if (problems.some((problem) => problem.path !== "phone" && problem.path !== "mobile")) {
      throw new Error(`Invalid demo customer: ${problems.map((problem) => problem.message).join("; ")}`);
    }
  }
  throw new Error("No valid demo phone number after 20 attempts.");
}

/** Returns the plan that draws the towns by population, so Lyon gets about a quarter of the customers. */
export function lyonAreaCustomerPlan(
  places: readonly Place[],
  content: FrenchContent,
  count: number,
): CustomerPlan {
  const weights = places.map((place) => place.population);
  return {
    count,
    professionalShare: 0.12,
    notLocated: 6,
    landline: lyonLandline,
    address: (random) => {
      const place = places[random.weightedIndex(weights)]!;
      return {
        // The street part is invented, but the town, postcode and point are real.
        addressLine1: `${random.int(1, 140)} ${random.pick(content.streets)}`,
        postcode: place.postcode,
        city: place.name,
        point: jitter(random, place, jitterRadiusMetres(place.population)),
      };
    },
  };
}

/** Returns the plan that puts each customer at a different real address of the village. */
export function villageCustomerPlan(
  addresses: readonly VillageAddress[],
  village: { name: string; postcode: string },
  count: number,
  random: Random,
): CustomerPlan {
  const chosen = random.shuffle(addresses).slice(0, count);
  if (chosen.length < count)
    throw new Error(`The village file has only ${chosen.length} usable addresses for ${count} customers.`);
  return {
    count,
    professionalShare: 0.1,
    notLocated: 0,
    landline: lorraineLandline,
    address: (_, index) => ({
      addressLine1: chosen[index]!.line1,
      postcode: village.postcode,
      city: village.name,
      point: { latitude: chosen[index]!.latitude, longitude: chosen[index]!.longitude },
    }),
  };
}

/**
 * Generates and stores the customers of a unit in one transaction: references C000001… from the
 * unit's counter, then multi-row inserts of 100 rows.
 */
export async function writeDemoCustomers(
  db: Executor,
  random: Random,
  unit: BusinessUnitRow,
  content: FrenchContent,
  plan: CustomerPlan,
  now: Date,
): Promise<DemoCustomer[]> {
  const built = buildCustomers(random, unit, content, plan);
  return db.transaction(async (tx) => {
    const references = await allocateReferences(tx, unit.organizationId, unit.id, built.length);
    const rows = built.map((values, index) => ({
      ...values,
      id: randomUUID(),
      reference: references[index]!,
    }));
    const repository = customerRepository(tx, unit.organizationId);
    for (let start = 0; start < rows.length; start += INSERT_BATCH_SIZE) {
      await repository.insertMany(unit.id, rows.slice(start, start + INSERT_BATCH_SIZE), now);
    }
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      displayName: row.displayName,
      point:
        row.latitude != null && row.longitude != null
          ? { latitude: row.latitude, longitude: row.longitude }
          : undefined,
      address: {
        addressLine1: row.addressLine1 ?? null,
        addressLine2: row.addressLine2 ?? null,
        postcode: row.postcode ?? null,
        city: row.city ?? null,
        latitude: row.latitude ?? null,
        longitude: row.longitude ?? null,
      },
    }));
  });
}
