import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rondo-config-"));

    const config = loadConfig({ DATA_DIR: dataDir });

    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
    expect(config.secureCookies).toBe(false);
    expect(config.databaseUrl).toBeUndefined();
  });

  it("generates the secret key into the data folder once", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rondo-config-"));

    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });

    expect(first.secretKey).toHaveLength(43);
    expect(second.secretKey).toBe(first.secretKey);
    expect(readFileSync(join(dataDir, "secret.key"), "utf8").trim()).toBe(first.secretKey);
  });

  it("lists every invalid value at once", () => {
    const problems = problemsOf({
      PORT: "eighty",
      DATABASE_URL: "mysql://localhost/rondo",
      PUBLIC_URL: "ftp://example.com",
      SECRET_KEY: "short",
    });

    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^PORT: .*\(got "eighty"\)$/);
    expect(problems[1]).toBe(
      'DATABASE_URL: must start with postgres:// or postgresql:// (got "mysql://localhost/rondo")',
    );
    expect(problems[2]).toMatch(/^PUBLIC_URL: /);
    expect(problems[3]).toBe('SECRET_KEY: must be at least 32 characters (got "***")');
  });

  it("requires a secret key and public address in production", () => {
    const problems = problemsOf({ NODE_ENV: "production" });

    expect(problems).toEqual([
      "SECRET_KEY: required when NODE_ENV=production (at least 32 random characters)",
      "PUBLIC_URL: required when NODE_ENV=production (the address users open)",
    ]);
  });

  it("marks cookies Secure when the public address is https", () => {
    const config = loadConfig({
      PUBLIC_URL: "https://rondo.example.com/",
      SECRET_KEY: "0123456789abcdef0123456789abcdef",
    });

    expect(config.secureCookies).toBe(true);
    expect(config.publicUrl).toBe("https://rondo.example.com");
  });

  it("hides the password of a database address in messages", () => {
    const problems = problemsOf({ DATABASE_URL: "postgres://rondo:hunter2@db", PORT: "99999" });

    expect(problems.join("\n")).not.toContain("hunter2");
  });
});
