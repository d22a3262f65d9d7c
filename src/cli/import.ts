import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { IMPORT_MODES, isImportMode } from "../domain/customers/import/index.js";
import { createLogger } from "../logger.js";
import { startRuntime } from "../runtime.js";
import { importCustomersAsOperator } from "../services/customers/import-service.js";
import { findBusinessUnitByCode, findOnlyBusinessUnit } from "./business-unit-lookup.js";
export async function runImport(argv: string[]): Promise<number> {
  const [subject, ...rest] = argv;
  if (subject !== "customers") {
    console.error(
      `Unknown import "${subject ?? ""}"; the command is: rondo import customers FILE --mode MODE`,
    );
    return 2;
  }
  let parsed: ReturnType<typeof parseImportArguments>;
  try {
    parsed = parseImportArguments(rest);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const { file, mode, bu, organization, dryRun } = parsed;

  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const config = loadConfig();
  const runtime = await startRuntime(config, createLogger(config), "rondo import customers");
  try {
    let unit: Awaited<ReturnType<typeof findBusinessUnitByCode>>;
    try {
      unit = bu
        ? await findBusinessUnitByCode(runtime.context, bu, organization)
        : await findOnlyBusinessUnit(runtime.context, organization);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return 2;
    }
    const report = await importCustomersAsOperator(runtime.context, unit, {
      fileName: basename(file),
      bytes,
      mode,
      dryRun,
    });
    console.log(JSON.stringify({ businessUnit: unit.code, ...report }, null, 2));
    return 0;
  } finally {
    await runtime.close();
  }
}

function parseImportArguments(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mode: { type: "string" },
      bu: { type: "string" },
      organization: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) {
    throw new Error(`Give exactly one file to import; got ${positionals.length}.`);
  }
  if (!values.mode) throw new Error(`Missing option --mode; use one of ${IMPORT_MODES.join(", ")}.`);
  if (!isImportMode(values.mode)) {
    throw new Error(`Unknown import mode "${values.mode}"; use one of ${IMPORT_MODES.join(", ")}.`);
  }
  return {
    file: positionals[0]!,
    mode: values.mode,
    bu: values.bu,
    organization: values.organization,
    dryRun: values["dry-run"],
  };
}

/** Finds the business unit to use when none is named: the single unit of the single organization. */
