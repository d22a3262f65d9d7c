import { describe, expect, it } from "vitest";
import {
  allowsLoginChannel,
  RESERVED_PORTAL_SLUGS,
  readPortalSettings,
  validatePortalSlug,
} from "../../../src/domain/portal/settings.js";

describe("validatePortalSlug", () => {
  it("accepts and lower-cases a slug", () => {
    expect(validatePortalSlug("  Lyon-Nord-2 ")).toEqual({ ok: true, slug: "lyon-nord-2" });
  });

  it("accepts the shortest and longest slugs", () => {
    expect(validatePortalSlug("abc").ok).toBe(true);
    expect(validatePortalSlug("a".repeat(40)).ok).toBe(true);
  });

  it.each([
    ["ab", "slug_too_short"],
    ["a".repeat(41), "slug_too_long"],
    ["lyon nord", "invalid_slug_characters"],
    ["lyon_nord", "invalid_slug_characters"],
    ["été-lyon", "invalid_slug_characters"],
    ["-lyon", "invalid_slug_hyphens"],
    ["lyon-", "invalid_slug_hyphens"],
    ["lyon--nord", "invalid_slug_hyphens"],
    ["preview", "reserved_slug"],
    ["Sign-In", "reserved_slug"],
    ["portal-api", "reserved_slug"],
  ])("rejects %s as %s", (slug, code) => {
    const result = validatePortalSlug(slug);

    expect(result).toMatchObject({ ok: false, code });
  });

  it("names the value and the rule", () => {
    expect(validatePortalSlug("lyon_nord")).toEqual({
      ok: false,
      code: "invalid_slug_characters",
      message:
        '"lyon_nord" contains "_", which a portal address cannot hold. ' +
        'Use 3 to 40 lower-case letters, digits and single hyphens, such as "lyon-nord".',
    });
  });

  it("reserves the portal's page paths", () => {
    for (const page of ["preview", "sign-in", "activities", "offline", "home", "choose", "assets", "icons"]) {
      expect(RESERVED_PORTAL_SLUGS, page).toContain(page);
    }
    for (const path of ["manifest", "sw", "api", "portal-api", "admin"]) {
      expect(RESERVED_PORTAL_SLUGS, path).toContain(path);
    }
  });
});

describe("readPortalSettings", () => {
  it("fills every default", () => {
    expect(readPortalSettings({})).toEqual({
      displayName: "",
      contactPhone: null,
      contactEmail: null,
      address: null,
      information: "",
      loginChannels: "both",
    });
  });

  it("replaces only invalid keys", () => {
    const settings = readPortalSettings({ displayName: "Durand", loginChannels: "fax", contactPhone: 12 });

    expect(settings.displayName).toBe("Durand");
    expect(settings.loginChannels).toBe("both");
    expect(settings.contactPhone).toBeNull();
  });

  it("allows channels by setting", () => {
    const emailOnly = readPortalSettings({ loginChannels: "email" });

    expect(allowsLoginChannel(emailOnly, "email")).toBe(true);
    expect(allowsLoginChannel(emailOnly, "sms")).toBe(false);
    expect(allowsLoginChannel(readPortalSettings({}), "sms")).toBe(true);
  });
});
