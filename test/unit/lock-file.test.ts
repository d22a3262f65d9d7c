import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "../../src/db/lock-file.js";

describe("embedded database lock file", () => {
  it("rejects a second holder, naming the process that holds it", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rondo-lock-"));
    // A live process other than this one: the parent shell of the test runner is always there.
    const holderPid = process.ppid;
    writeFileSync(
      join(dataDir, "rondo.lock"),
      JSON.stringify({
        pid: holderPid,
        host: hostname(),
        command: "rondo serve",
        startedAt: "2026-03-02T08:00:00.000Z",
      }),
    );

    let caught: unknown;
    try {
      acquireDataDirLock(dataDir, "rondo migrate");
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(DataDirLockedError);
    expect((caught as Error).message).toContain(`in use by process ${holderPid} ("rondo serve"`);
  });

  it("takes over a lock left by a process that has ended", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rondo-lock-"));
    const ended = spawnSync(process.execPath, ["-e", "process.pid"]).pid!;
    writeFileSync(
      join(dataDir, "rondo.lock"),
      JSON.stringify({
        pid: ended,
        host: hostname(),
        command: "rondo serve",
        startedAt: "2026-03-02T08:00:00.000Z",
      }),
    );

    const release = acquireDataDirLock(dataDir, "rondo migrate");
    release();

    expect(existsSync(join(dataDir, "rondo.lock"))).toBe(false);
  });
});
