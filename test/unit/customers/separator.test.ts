import { describe, expect, it } from "vitest";
import { detectSeparator } from "../../../src/domain/customers/import/separator.js";

describe("detectSeparator", () => {
  it("picks ; over the decimal commas of French coordinates", () => {
    const text =
      "nom;prenom;latitude;longitude\r\nFabre;Hélène;45,4397;4,3872\r\nBœuf;Zoé;44,8378;-0,5792\r\n";
    expect(detectSeparator(text)).toEqual({ separator: ";", columnCount: 4, consistent: true });
  });

  it("picks , for an English export with decimal dots", () => {
    const text = "name,email,latitude,longitude\nFabre,h@example.org,45.4397,4.3872\n";
    expect(detectSeparator(text)).toEqual({ separator: ",", columnCount: 4, consistent: true });
  });

  it("ignores separators inside quotes", () => {
    const text = 'name,comments\n"Fabre; Hélène","call first; then, ring"\n"Noël",""\n';
    expect(detectSeparator(text)).toEqual({ separator: ",", columnCount: 2, consistent: true });
  });

  it("follows quoted line breaks to the next record", () => {
    const text = 'nom;commentaire\nFabre;"ligne 1,\nligne 2, 3, 4"\nNoël;ok\n';
    expect(detectSeparator(text)).toEqual({ separator: ";", columnCount: 2, consistent: true });
  });

  it("recognizes tab and pipe", () => {
    expect(detectSeparator("nom\tprenom\nFabre\tHélène\n").separator).toBe("\t");
    expect(detectSeparator("nom|prenom\nFabre|Hélène\n").separator).toBe("|");
  });

  it("prefers the separator with more header columns when both fit", () => {
    const text = "Nom, prénom;email;ville\nFabre, Hélène;h@example.org;Lyon\n";
    expect(detectSeparator(text)).toEqual({ separator: ";", columnCount: 3, consistent: true });
  });

  it("keeps ; when one comment has a stray ;", () => {
    const rows = Array.from({ length: 20 }, (_, index) => `Nom${index};Prénom;45,1;4,2`);
    rows[5] = "Nom5;Prénom;45,1;4,2;oops";
    const text = ["nom;prenom;latitude;longitude", ...rows].join("\n");
    expect(detectSeparator(text)).toEqual({ separator: ";", columnCount: 4, consistent: false });
  });

  it("reports a file whose rows do not fit the header", () => {
    const text = "nom;prenom\nFabre;Hélène;x\nNoël;François;y\n";
    expect(detectSeparator(text).consistent).toBe(false);
  });

  it("gives a one-column file a separator that splits no row", () => {
    const text = 'email\nlea@example.com\n"Dupont, Jean"\nwith;semicolon\n';
    expect(detectSeparator(text)).toEqual({ separator: ",", columnCount: 1, consistent: true });
  });
});
