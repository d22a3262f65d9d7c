import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCustomerFile } from "../../../src/domain/customers/import/index.js";
import { FIXTURE_FILES } from "./case-files.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/csv/", import.meta.url));

describe("customer CSV fixtures", () => {
  it.each(Object.keys(FIXTURE_FILES))("stores the bytes that the tests build for %s", (name) => {
    const stored = readFileSync(`${FIXTURES}${name}`);
    expect(stored.equals(FIXTURE_FILES[name]!())).toBe(true);
  });

  it.each([
    ["bom-utf8-semicolon.csv", "utf-8-bom"],
    ["utf8-semicolon.csv", "utf-8"],
    ["utf16le-bom.csv", "utf-16le"],
    ["excel-windows-1252.csv", "windows-1252"],
    ["excel-utf8.csv", "utf-8"],
    ["mojibake-utf8.csv", "utf-8"],
    ["mojibake-cp1252.csv", "windows-1252"],
  ])("detects the encoding of %s as %s", (name, encoding) => {
    const result = parseCustomerFile(readFileSync(`${FIXTURES}${name}`), {
      country: "FR",
      defaultLanguage: "fr",
    });
    expect(result.encoding).toBe(encoding);
    expect(result.separator).toBe(";");
  });
});
