import { describe, expect, it } from "vitest";
import {
  FRENCH_NUMBERING_PLAN_REGIONS,
  formatPhoneInternational,
  frenchRegionFromPostcode,
  normalizePhone,
  phoneLookupCandidates,
} from "../../../src/domain/contact/phone.js";

/** Returns the E.164 number, or fails the test with the reason. */
function e164(raw: string, country = "FR", postcode?: string): string {
  const result = normalizePhone(raw, { country, postcode });
  if (!result.ok) throw new Error(`${raw}: ${result.reason}: ${result.message}`);
  return result.e164;
}

describe("normalizePhone in France", () => {
  it("stores a national mobile in E.164", () => {
    expect(e164("06 12 34 56 78")).toBe("+33612345678");
  });

  it.each([
    "+33612345678",
    "+33 6 12 34 56 78",
    "0033 6 12 34 56 78",
    "+33 (0)6 12 34 56 78",
    "+33 0 6 12 34 56 78",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "+330612345678",
    "\u00a006 12 34 56 78\t",
    "０６ １２ ３４ ５６ ７８",
  ])("reads %j as +33612345678", (typed) => {
    expect(e164(typed)).toBe("+33612345678");
  });

  it("refuses a national number without the trunk 0", () => {
    const result = normalizePhone("612345678", { country: "FR" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("missing_trunk_prefix");
    expect(result.message).toContain("full number");
  });

  it("refuses an international number whose + a spreadsheet dropped", () => {
    const result = normalizePhone("33612345678", { country: "FR" });
    expect(result.ok ? "ok" : result.reason).toBe("missing_trunk_prefix");
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["06 12", "invalid"],
    ["07 00 00 00 00", "invalid"],
    ["06 12 34 56 78 ext 12", "invalid_characters"],
    ["3.36123E+11", "invalid_characters"],
    ["06+12345678", "invalid_characters"],
    ["+", "invalid_characters"],
    ["+()", "invalid"],
  ])("rejects %j as %s", (typed, reason) => {
    const result = normalizePhone(typed, { country: "FR" });
    expect(result.ok ? "ok" : result.reason).toBe(reason);
  });
});

describe("normalizePhone for French overseas regions", () => {
  it("maps a Martinique mobile by postcode", () => {
    expect(e164("0696 12 34 56", "FR", "97200")).toBe("+596696123456");
  });

  it("maps a Réunion mobile by postcode", () => {
    expect(e164("0692 12 34 56", "FR", "97400")).toBe("+262692123456");
  });

  it("maps overseas mobiles without a postcode", () => {
    expect(e164("0696 12 34 56")).toBe("+596696123456");
    expect(e164("0692 12 34 56")).toBe("+262692123456");
  });

  it.each([
    ["0590 27 12 34", "97133", "+590590271234", "BL"],
    ["0590 87 12 34", "97150", "+590590871234", "MF"],
    ["0690 00 12 34", "97110", "+590690001234", "GP"],
    ["0694 20 12 34", "97300", "+594694201234", "GF"],
    ["0639 01 23 45", "97600", "+262639012345", "YT"],
    ["055 12 34", "97500", "+508551234", "PM"],
  ])("maps %s with postcode %s to %s in %s", (typed, postcode, expected, region) => {
    const result = normalizePhone(typed, { country: "FR", postcode });
    expect(result).toEqual({ ok: true, e164: expected, region });
  });

  it("never gives Mayotte's 0269 numbers the mainland code", () => {
    expect(e164("0269 60 12 34")).toBe("+262269601234");
  });

  it("keeps a mainland mobile of an overseas customer", () => {
    expect(e164("06 12 34 56 78", "FR", "97200")).toBe("+33612345678");
  });

  it("keeps shared 08 numbers in mainland France", () => {
    expect(e164("0800 12 34 56")).toBe("+33800123456");
  });

  it("moves an overseas number typed with +33 to its region", () => {
    expect(e164("+33 696 12 34 56")).toBe("+596696123456");
    expect(e164("+33 (0)692 12 34 56")).toBe("+262692123456");
  });

  it("rejects an overseas prefix that no region has allocated", () => {
    const result = normalizePhone("0596 12 34 56", { country: "FR" });
    expect(result.ok ? result.e164 : result.reason).toBe("invalid");
  });

  it("requires the trunk 0 in an overseas business unit", () => {
    expect(e164("0696 12 34 56", "MQ")).toBe("+596696123456");
    const result = normalizePhone("696 12 34 56", { country: "MQ" });
    expect(result.ok ? "ok" : result.reason).toBe("missing_trunk_prefix");
  });

  it("reads New Caledonian numbers by postcode, without a trunk 0", () => {
    expect(e164("75.12.34", "FR", "98800")).toBe("+687751234");
  });

  it("lists the French plan regions in trial order", () => {
    expect(FRENCH_NUMBERING_PLAN_REGIONS).toEqual(["FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF"]);
  });

  it.each([
    ["97200", "MQ"],
    ["97133", "BL"],
    ["97150", "MF"],
    ["97110", "GP"],
    ["97300", "GF"],
    ["97400", "RE"],
    ["97500", "PM"],
    ["97600", "YT"],
    ["98800", "NC"],
    ["75001", undefined],
    ["972", undefined],
    [undefined, undefined],
  ])("finds the region of postcode %s", (postcode, region) => {
    expect(frenchRegionFromPostcode(postcode)).toBe(region);
  });
});

describe("normalizePhone in other countries", () => {
  it("reads national numbers with the country's plan", () => {
    expect(e164("0470 12 34 56", "BE")).toBe("+32470123456");
    expect(e164("(201) 555-0123", "US")).toBe("+12015550123");
  });

  it("drops a trunk 0 written after a foreign country code", () => {
    expect(e164("+44 (0)20 7946 0958")).toBe("+442079460958");
  });

  it("keeps the leading 0 that belongs to Italian numbers", () => {
    expect(e164("+39 06 1234 5678")).toBe("+390612345678");
  });

  it("rejects a national number for an unknown country", () => {
    const result = normalizePhone("06 12 34 56 78", { country: "XX" });
    expect(result.ok ? "ok" : result.reason).toBe("unsupported_country");
  });

  it("accepts an international number for an unknown country", () => {
    expect(e164("+33 6 12 34 56 78", "XX")).toBe("+33612345678");
  });
});

describe("phoneLookupCandidates", () => {
  it.each([
    "+33612345678",
    "+33 6 12 34 56 78",
    "0033 6 12 34 56 78",
    "+33 (0)6 12 34 56 78",
    "06.12.34.56.78",
    "+330612345678",
  ])("resolves login %j to the stored number", (typed) => {
    expect(phoneLookupCandidates(typed, ["FR"])).toEqual(["+33612345678"]);
  });

  it("finds nothing for a number without its trunk 0", () => {
    expect(phoneLookupCandidates("612345678", ["FR"])).toEqual([]);
  });

  it.each(["+596 696 12 34 56", "0696 12 34 56"])("resolves the Martinique login %j", (typed) => {
    expect(phoneLookupCandidates(typed, ["FR"])).toEqual(["+596696123456"]);
  });

  it("returns one candidate per country that reads the number differently", () => {
    expect(phoneLookupCandidates("0470 12 34 56", ["FR", "BE"])).toEqual(["+33470123456", "+32470123456"]);
  });

  it("returns an international number once", () => {
    expect(phoneLookupCandidates("+33 6 12 34 56 78", ["FR", "BE"])).toEqual(["+33612345678"]);
  });
});

describe("formatPhoneInternational", () => {
  it("groups digits for reading", () => {
    expect(formatPhoneInternational("+33612345678")).toBe("+33 6 12 34 56 78");
    expect(formatPhoneInternational("+596696123456")).toBe("+596 696 12 34 56");
  });
});
