import { runOrganization, runUser } from "./cli/accounts.js";
import { runMigrate, runSeed } from "./cli/database-commands.js";
import { runImport } from "./cli/import.js";
import { serve } from "./cli/serve.js";
import { USAGE } from "./cli/usage.js";
import { runWorker } from "./cli/worker.js";
import { ConfigError } from "./config.js";
import { DataDirLockedError } from "./db/lock-file.js";
import { AppError } from "./server/errors.js";

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        return await serve();
      case "worker":
        return await runWorker();
      case "migrate":
        return await runMigrate();
      case "seed":
        return await runSeed(rest);
      case "user":
        return await runUser(rest);
      case "org":
        return await runOrganization(rest);
      case "import":
        return await runImport(rest);
      case undefined:
      case "help":
      case "--help":
        console.log(USAGE);
        return 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    return 1;
  }
  if (error instanceof AppError) {
    const fields = error.details?.fields?.map((field) => `  - ${field.path}: ${field.message}`).join("\n");
    console.error(fields ? `${error.message}\n${fields}` : error.message);
    return 1;
  }
  if (error instanceof Error && "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  console.error(error);
  return 1;
}
