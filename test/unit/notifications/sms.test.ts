import { describe, expect, it } from "vitest";
import { isGsm7, measureSms } from "../../../src/domain/notifications/index.js";

describe("isGsm7", () => {
  it.each(["é", "è", "à", "ù", "Ç", "É", "€", "{", "@", "\n"])("accepts %j", (character) => {
    expect(isGsm7(character)).toBe(true);
  });

  it.each(["ê", "â", "ç", "œ", "’", "«", "\u00a0", "\u202f", "😀", "\u001b"])("rejects %j", (character) => {
    expect(isGsm7(character)).toBe(false);
  });
});

describe("measureSms GSM-7", () => {
  it("counts a short text", () => {
    expect(measureSms("Bonjour")).toEqual({ encoding: "GSM-7", characters: 7, units: 7, segments: 1 });
  });

  it("returns no segment for an empty text", () => {
    expect(measureSms("")).toEqual({ encoding: "GSM-7", characters: 0, units: 0, segments: 0 });
  });

  it("fits 160 septets in one message", () => {
    expect(measureSms("a".repeat(160)).segments).toBe(1);
    expect(measureSms("a".repeat(161)).segments).toBe(2);
  });

  it("splits at 153 septets per segment", () => {
    expect(measureSms("a".repeat(306)).segments).toBe(2);
    expect(measureSms("a".repeat(307)).segments).toBe(3);
  });

  it("counts extension characters twice", () => {
    expect(measureSms("Prix : 10 €")).toEqual({ encoding: "GSM-7", characters: 11, units: 12, segments: 1 });
    expect(measureSms(`${"a".repeat(159)}€`).segments).toBe(2);
  });

  it("keeps an extension character in one segment", () => {
    const text = `${"a".repeat(152)}€${"a".repeat(152)}`;

    expect(measureSms(text)).toEqual({ encoding: "GSM-7", characters: 305, units: 306, segments: 3 });
  });
});

describe("measureSms UCS-2", () => {
  it("switches on one character outside the alphabet", () => {
    expect(measureSms("Fenêtre")).toEqual({ encoding: "UCS-2", characters: 7, units: 7, segments: 1 });
  });

  it("switches on a no-break space", () => {
    expect(measureSms("Date\u00a0: demain").encoding).toBe("UCS-2");
  });

  it("fits 70 units in one message", () => {
    expect(measureSms("ê".repeat(70)).segments).toBe(1);
    expect(measureSms("ê".repeat(71)).segments).toBe(2);
  });

  it("splits at 67 units per segment", () => {
    expect(measureSms("ê".repeat(134)).segments).toBe(2);
    expect(measureSms("ê".repeat(135)).segments).toBe(3);
  });

  it("counts an emoji as two units", () => {
    expect(measureSms("Merci 😀")).toEqual({ encoding: "UCS-2", characters: 7, units: 8, segments: 1 });
  });

  it("keeps a surrogate pair in one segment", () => {
    const text = `${"ê".repeat(66)}😀${"ê".repeat(66)}`;

    expect(measureSms(text)).toEqual({ encoding: "UCS-2", characters: 133, units: 134, segments: 3 });
  });
});
