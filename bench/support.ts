import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export type BenchResult = Record<string, string | number>;

const resultsFolder = join(import.meta.dirname, "results");

export function writeResult(fileName: string, content: unknown): void {
  mkdirSync(resultsFolder, { recursive: true });
  writeFileSync(join(resultsFolder, fileName), `${JSON.stringify(content, null, 2)}\n`);
}

/** The nearest-rank percentile of the samples. */
export function percentile(samples: number[], rank: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function machineDescription(): string {
  const model = cpus()[0]?.model ?? "unknown CPU";
  let kernel = "";
  try {
    kernel = readFileSync("/proc/version", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    kernel = process.platform;
  }
  return `${cpus().length} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${kernel}, Node ${process.version}`;
}
