import type { ImportReport } from "./import-report.js";

export type ImportJobStatus = "running" | "done" | "failed";

/** The progress of an import started with `async`, as the status endpoint returns it. */
export interface ImportJob {
  id: string;
  organizationId: string;
  businessUnitId: string;
  status: ImportJobStatus;
  /** Rows whose outcome is settled: planned as skipped or rejected, or written. */
  processedRows: number;
  totalRows: number;
  report?: ImportReport;
  /** For a failed job: the catalogue code and message of the error. */
  error?: { code: string; message: string };
}

/**
 * Imports started in this process, by id. The registry lives in memory, so another server
 * process does not see these jobs and a restart loses them. A finished import is also stored in
 * `customer_imports`, so its report outlives the registry. A failed one is not stored, because
 * its transaction was rolled back.
 *
 * NOTE: on the embedded database (PGlite, one connection) a status request waits until the
 * import's transaction commits, because checking its session reads the database. It then sees
 * `done`. Running progress is only visible with a PostgreSQL server.
 */
export class ImportJobRegistry {
  private readonly jobs = new Map<string, ImportJob>();

  /** `capacity` bounds the finished jobs kept; the oldest finished job is forgotten first. */
  constructor(private readonly capacity: number) {}

  start(id: string, organizationId: string, businessUnitId: string, totalRows: number): ImportJob {
    const job: ImportJob = {
      id,
      organizationId,
      businessUnitId,
      status: "running",
      processedRows: 0,
      totalRows,
    };
    this.jobs.set(id, job);
    this.forgetOldFinishedJobs();
    return job;
  }

  /** Finds a job started in this process for this organization and unit. */
  find(organizationId: string, businessUnitId: string, id: string): ImportJob | undefined {
    const job = this.jobs.get(id);
    return job?.organizationId === organizationId && job.businessUnitId === businessUnitId ? job : undefined;
  }

  private forgetOldFinishedJobs(): void {
    const finished = [...this.jobs.values()].filter((job) => job.status !== "running");
    // Map iteration follows insertion order, so the first finished jobs are the oldest.
    for (const job of finished.slice(0, Math.max(0, finished.length - this.capacity)))
      this.jobs.delete(job.id);
  }
}

/** The jobs of this process. */
export const importJobs = new ImportJobRegistry(100);
