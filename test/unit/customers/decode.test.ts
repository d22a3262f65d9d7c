import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeFileBytes } from "../../../src/domain/customers/import/decode.js";
import { repairMojibake } from "../../../src/domain/customers/import/mojibake.js";

describe("decodeFileBytes", () => {
  it("removes a UTF-8 byte order mark", () => {
    const decoded = decodeFileBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x65, 0x6d, 0x61, 0x69, 0x6c]));
    expect(decoded).toEqual({ encoding: "utf-8-bom", text: "email" });
  });

  it("reads UTF-16LE after its byte order mark", () => {
    const decoded = decodeFileBytes(
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("Léa;Bœuf", "utf-16le")]),
    );
    expect(decoded).toEqual({ encoding: "utf-16le", text: "Léa;Bœuf" });
  });

  it("reads UTF-16BE after its byte order mark", () => {
    const decoded = decodeFileBytes(
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode("Léa;Bœuf", "utf-16be")]),
    );
    expect(decoded).toEqual({ encoding: "utf-16be", text: "Léa;Bœuf" });
  });

  it("recognizes UTF-16LE without a byte order mark", () => {
    const decoded = decodeFileBytes(iconv.encode("nom;prenom\nDupré;Léa\n", "utf-16le"));
    expect(decoded).toEqual({ encoding: "utf-16le", text: "nom;prenom\nDupré;Léa\n" });
  });

  it("reads valid UTF-8 without a byte order mark as UTF-8", () => {
    const decoded = decodeFileBytes(Buffer.from("Hélène;Bœuf", "utf8"));
    expect(decoded).toEqual({ encoding: "utf-8", text: "Hélène;Bœuf" });
  });

  it("reads other bytes as Windows-1252, where 9C is œ", () => {
    const bytes = Buffer.from([0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65, 0x3b, 0x42, 0x9c, 0x75, 0x66, 0x3b, 0x80]);
    expect(decodeFileBytes(bytes)).toEqual({ encoding: "windows-1252", text: "Hélène;Bœuf;€" });
  });

  it("reports chardet's guess when the bytes look Cyrillic", () => {
    const text =
      "фамилия;имя;город\nИванов;Пётр;Москва\nСмирнова;Анна;Санкт-Петербург\n" +
      "Кузнецов;Дмитрий;Новосибирск\nПопова;Мария;Екатеринбург\nСоколов;Алексей;Казань\n";
    const bytes = iconv.encode(text, "windows-1251");
    const decoded = decodeFileBytes(bytes);
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.otherEncodingGuess).toBe("windows-1251");
  });

  it("gives no guess for French Windows-1252 text", () => {
    const decoded = decodeFileBytes(iconv.encode("nom;prenom\nFabre;Hélène\nBœuf;Zoé\n", "windows-1252"));
    expect(decoded.otherEncodingGuess).toBeUndefined();
  });
});

describe("repairMojibake", () => {
  it.each([
    ["HÃ©lÃ¨ne", "Hélène"],
    ["Saint-Ã‰tienne", "Saint-Étienne"],
    ["BÅ“uf", "Bœuf"],
    ["ZoÃ©", "Zoé"],
    ["FranÃ§ois", "François"],
    ["NoÃ«l", "Noël"],
    ["l\u00e2\u20ac\u2122Ã‰glise", "l\u2019Église"],
    ["HÃƒÂ©lÃƒÂ¨ne", "Hélène"],
  ])("repairs %j as %j", (garbled, repaired) => {
    expect(repairMojibake(garbled)).toBe(repaired);
  });

  it.each([
    "Hélène",
    "Bœuf",
    "Saint-Étienne",
    "Évry-Courcouronnes",
    "São Paulo",
    "Ça coûte 20 €",
    "naïve",
    "Dupré-Hébert",
    "plain ascii",
    "Ã",
  ])("leaves %j alone", (text) => {
    expect(repairMojibake(text)).toBeUndefined();
  });
});
