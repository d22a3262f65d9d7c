import type { ColumnMapping, ImportFile, ImportMode } from "../../../lib/customers";

/** The choices made so far in the import wizard. */
export interface ImportChoices {
  file: ImportFile;
  /** Targets the user chose; the server proposes the others. */
  mapping: ColumnMapping;
  mode: ImportMode;
  dryRun: boolean;
}
