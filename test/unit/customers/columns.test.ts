import { describe, expect, it } from "vitest";
import { CUSTOMER_FIELDS } from "../../../src/domain/customers/customer.js";
import {
  COLUMN_LABELS,
  cleanHeaders,
  fieldForHeader,
  proposeColumnMapping,
} from "../../../src/domain/customers/import/columns.js";

describe("fieldForHeader", () => {
  it.each([
    ["Référence", "reference"],
    ["REF", "reference"],
    ["Code client", "reference"],
    ["type", "type"],
    ["Nom", "lastName"],
    ["name", "lastName"],
    ["Last Name", "lastName"],
    ["Prénom", "firstName"],
    ["prenom", "firstName"],
    ["first_name", "firstName"],
    ["Société", "companyName"],
    ["Raison sociale", "companyName"],
    ["company", "companyName"],
    ["E-mail", "email"],
    ["Courriel", "email"],
    ["mail", "email"],
    ["Téléphone", "phone"],
    ["tel.", "phone"],
    ["Tél", "phone"],
    ["Fixe", "phone"],
    ["Portable", "mobile"],
    ["GSM", "mobile"],
    ["mobile", "mobile"],
    ["Adresse", "address"],
    ["rue", "address"],
    ["Complément d'adresse", "additionalAddress"],
    ["COMPLEMENT D ADRESSE", "additionalAddress"],
    ["Code postal", "postcode"],
    ["CP", "postcode"],
    ["ZIP", "postcode"],
    ["Ville", "city"],
    ["Commune", "city"],
    ["lat", "latitude"],
    ["Longitude", "longitude"],
    ["lng", "longitude"],
    ["lon", "longitude"],
    ["Langue", "language"],
    ["Commentaires", "comments"],
    ["commentaire", "comments"],
  ])("maps %j to %s", (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it.each(["Numéro de contrat", "Secteur", "Date de création"])("leaves %j to a custom field", (header) => {
    expect(fieldForHeader(header)).toBeUndefined();
  });

  it("maps every export label back to its field", () => {
    for (const language of ["en", "fr"] as const) {
      for (const field of CUSTOMER_FIELDS) {
        expect(fieldForHeader(COLUMN_LABELS[language][field])).toBe(field);
      }
    }
  });
});

describe("proposeColumnMapping", () => {
  it("proposes fields and keeps unknown headers as custom fields", () => {
    expect(proposeColumnMapping(["email", "nom", "Secteur"])).toEqual({
      email: { kind: "field", field: "email" },
      nom: { kind: "field", field: "lastName" },
      Secteur: { kind: "custom", name: "Secteur" },
    });
  });

  it("keeps a second column for the same field as a custom field", () => {
    expect(proposeColumnMapping(["Téléphone", "Tel"])).toEqual({
      Téléphone: { kind: "field", field: "phone" },
      Tel: { kind: "custom", name: "Tel" },
    });
  });
});

describe("cleanHeaders", () => {
  it("removes a byte order mark, quotes' spaces and no-break spaces", () => {
    expect(cleanHeaders(["\ufeffemail", " nom\u00a0", "code\u00a0 postal"])).toEqual([
      "email",
      "nom",
      "code postal",
    ]);
  });

  it("names empty headers and numbers repeated ones", () => {
    expect(cleanHeaders(["nom", "", "nom", "nom"])).toEqual(["nom", "Column 2", "nom (2)", "nom (3)"]);
  });

  it("repairs a garbled header", () => {
    expect(cleanHeaders(["PrÃ©nom"])).toEqual(["Prénom"]);
  });

  it("composes decomposed accents", () => {
    expect(cleanHeaders(["Pre\u0301nom"])).toEqual(["Prénom"]);
  });
});
