import { describe, expect, it } from "vitest";
import { displayEmail, isPlausibleEmail, normalizeEmail } from "../../../src/domain/contact/email.js";

describe("normalizeEmail", () => {
  it("trims spaces and a trailing no-break space and lower-cases", () => {
    expect(normalizeEmail("  Lea.Dupre@Example.COM \u00a0")).toBe("lea.dupre@example.com");
  });

  it.each([
    "Lea.Dupre@example.com",
    "lea.dupre@example.com\t",
    "LEA.DUPRE@EXAMPLE.COM",
    "\ufeffLea.Dupre@example.com\u200b",
  ])("matches login %j to the stored address", (typed) => {
    expect(normalizeEmail(typed)).toBe("lea.dupre@example.com");
  });

  it("composes decomposed accents", () => {
    expect(normalizeEmail("he\u0301le\u0300ne@example.fr")).toBe("hélène@example.fr");
  });
});

describe("displayEmail", () => {
  it("trims but keeps the letter case", () => {
    expect(displayEmail("  Lea.Dupre@Example.COM \u00a0")).toBe("Lea.Dupre@Example.COM");
  });
});

describe("isPlausibleEmail", () => {
  it.each([
    ["lea.dupre@example.com", true],
    ["lea.dupre@example", false],
    ["lea dupre@example.com", false],
    ["lea@@example.com", false],
    ["@example.com", false],
    ["lea@.com", false],
  ])("judges %j as %s", (address, expected) => {
    expect(isPlausibleEmail(address)).toBe(expected);
  });
});
