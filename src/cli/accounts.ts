import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { isRole, type Role } from "../domain/roles.js";
import { createLogger } from "../logger.js";
import { startRuntime } from "../runtime.js";
import { createOrganization } from "../services/organization-service.js";
import { createMembership } from "../services/user-service.js";
import { findBusinessUnitByCode } from "./business-unit-lookup.js";
import { USAGE } from "./usage.js";
export async function runUser(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== "add") {
    console.error(`Unknown user command "${subcommand ?? ""}". Try: rondo user add --help`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      bu: { type: "string" },
      roles: { type: "string" },
      organization: { type: "string" },
    },
  });
  const missing = (["email", "name", "password", "bu", "roles"] as const).filter((key) => !values[key]);
  if (missing.length > 0) {
    console.error(
      `Missing option${missing.length > 1 ? "s" : ""}: ${missing.map((key) => `--${key}`).join(", ")}`,
    );
    return 2;
  }
  const roles = values.roles!.split(",").map((role) => role.trim());
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    console.error(
      `Unknown role${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; use admin, planner, field_worker.`,
    );
    return 2;
  }

  const config = loadConfig();
  const runtime = await startRuntime(config, createLogger(config), "rondo user add");
  try {
    const unit = await findBusinessUnitByCode(runtime.context, values.bu!, values.organization);
    const member = await createMembership(
      runtime.context,
      unit.organizationId,
      unit.id,
      {
        email: values.email!,
        name: values.name!,
        password: values.password!,
        roles: roles as Role[],
      },
      { attachAccountOfOtherOrganization: true },
    );
    console.log(`${member.email} has roles ${member.roles.join(", ")} in ${unit.code}.`);
    return 0;
  } finally {
    await runtime.close();
  }
}

export async function runOrganization(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== "create") {
    console.error(`Unknown org command "${subcommand ?? ""}". Usage:\n\n${USAGE}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      "bu-code": { type: "string" },
      "bu-name": { type: "string" },
      "time-zone": { type: "string" },
      country: { type: "string" },
      language: { type: "string" },
      "admin-email": { type: "string" },
      "admin-name": { type: "string" },
      "admin-password": { type: "string" },
    },
  });
  const required = [
    "name",
    "bu-code",
    "bu-name",
    "time-zone",
    "country",
    "language",
    "admin-email",
    "admin-name",
    "admin-password",
  ] as const;
  const missing = required.filter((key) => !values[key]);
  if (missing.length > 0) {
    console.error(
      `Missing option${missing.length > 1 ? "s" : ""}: ${missing.map((key) => `--${key}`).join(", ")}`,
    );
    return 2;
  }
  const language = values.language === "fr" ? "fr" : values.language === "en" ? "en" : undefined;
  if (!language) {
    console.error(`Invalid --language "${values.language}": use en or fr.`);
    return 2;
  }
  const config = loadConfig();
  const runtime = await startRuntime(config, createLogger(config), "rondo org create");
  try {
    const { organization, businessUnit } = await createOrganization(runtime.context, {
      name: values.name!.trim(),
      businessUnit: {
        code: values["bu-code"]!.trim().toUpperCase(),
        name: values["bu-name"]!.trim(),
        timeZone: values["time-zone"]!.trim(),
        language,
        country: values.country!.trim().toUpperCase(),
      },
      admin: {
        email: values["admin-email"]!,
        name: values["admin-name"]!,
        password: values["admin-password"]!,
        roles: ["admin", "planner"],
        language,
      },
      attachExistingAccounts: true,
    });
    console.log(
      `Organization "${organization.name}" created (${organization.id}) with business unit ${businessUnit.code}. ` +
        `${values["admin-email"]} must change the initial password at first sign-in.`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
