import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/** The folder of the demo's data files. Its README gives their sources and licences. */
const RESOURCES = new URL("../../../resources/demo/", import.meta.url);

/** A real commune near Lyon: its GeoNames point, first postcode and legal population. */
export interface Place {
  inseeCode: string;
  name: string;
  postcode: string;
  population: number;
  latitude: number;
  longitude: number;
}

/** A real street address of Mont-Bonvillers from the Base Adresse Nationale. */
export interface VillageAddress {
  /** Number, suffix and street name, such as "12 bis Rue Joffre". */
  line1: string;
  latitude: number;
  longitude: number;
}

/** Names and texts that the demo picks from, all French and written for the demo. */
export interface FrenchContent {
  firstNames: string[];
  lastNames: string[];
  streets: string[];
  /** Company names with a `{lastName}` placeholder. */
  companyPatterns: string[];
  companyNames: string[];
  customerComments: string[];
  contracts: string[];
  activityComments: string[];
  repairDescriptions: string[];
  closingRemarks: Record<"maintenance" | "repair" | "installation", { ok: string[]; ko: string[] }>;
  surveyComments: Record<"1" | "2" | "3" | "4" | "5", string[]>;
  cancelDetails: Record<string, string[]>;
}

/**
 * Mont-Bonvillers (INSEE 54084). Its BAL export has no postcode column, so the postcode is the
 * `code_post` of every row of the legacy BAN export of the same commune.
 */
export const MONT_BONVILLERS = { name: "Mont-Bonvillers", postcode: "54111" } as const;

function readResource(name: string): string {
  return readFileSync(new URL(name, RESOURCES), "utf8");
}

function parseCsv(text: string, delimiter: string): Record<string, string>[] {
  return parse(text, { columns: true, delimiter, bom: true, skip_empty_lines: true, trim: true });
}

export function loadLyonAreaPlaces(): Place[] {
  return parseCsv(readResource("lyon-area-places.csv"), ",").map((row) => ({
    inseeCode: row.insee_code!,
    name: row.name!,
    postcode: row.postcode!,
    population: Number(row.population),
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
  }));
}

/**
 * Returns the addresses of the Mont-Bonvillers BAL export in file order. Numbers of 5000 and
 * more are BAN placeholders, not house numbers, so rows with them are skipped.
 */
export function loadMontBonvillersAddresses(): VillageAddress[] {
  return parseCsv(readResource("mont-bonvillers-54084-bal.csv"), ";")
    .filter((row) => Number(row.numero) > 0 && Number(row.numero) < 5000 && row.long && row.lat)
    .map((row) => ({
      line1: [row.numero, row.suffixe, row.voie_nom].filter((part) => part).join(" "),
      latitude: Number(row.lat),
      longitude: Number(row.long),
    }));
}

export function loadFrenchContent(): FrenchContent {
  return JSON.parse(readResource("fr-content.json")) as FrenchContent;
}
