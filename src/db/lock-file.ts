import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${lockPath.replace(/[/\\]rondo\.lock$/, "")} is in use by process ${holder.pid}` +
        ` ("${holder.command}", started ${holder.startedAt} on ${holder.host}). Stop that process first, or` +
        " set DATABASE_URL to a PostgreSQL server to run several processes.",
    );
    this.name = "DataDirLockedError";
  }
}

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

/**
 * Takes the single-writer lock of an embedded database folder. The lock file names the
 * holder; a file left by a process that no longer runs on this host is taken over.
 * Returns the function that releases the lock.
 */
export function acquireDataDirLock(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, "rondo.lock");
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    startedAt: new Date().toISOString(),
  };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(lockPath, "wx", 0o600);
      writeSync(descriptor, JSON.stringify(holder));
      closeSync(descriptor);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readHolder(lockPath);
      if (current && isAlive(current)) throw new DataDirLockedError(lockPath, current);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${lockPath}; remove it if no Rondo process is running.`);
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // A process on another host (a shared folder) cannot be checked, so its lock is respected.
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
