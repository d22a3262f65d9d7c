import { IMPORT_MODES } from "../domain/customers/import/index.js";

/** The help text of the `rondo` command. */
export const USAGE = `Usage: rondo <command> [options]

Commands:
  serve                 Start the web server (migrates; seeds the demo into an empty
                        database unless NODE_ENV=production)
  worker                Send queued emails and text messages in a process of its own
                        (PostgreSQL only; start servers with DISPATCHER_IN_SERVER=false)
  migrate               Apply pending database migrations and exit
  seed --demo           Add the demo organization
  org create --name N --bu-code CODE --bu-name N --time-zone ZONE --country CC
             --language en|fr --admin-email E --admin-name N --admin-password P
                        Create an organization with its first business unit and admin
                        (how a production database gets its first organization)
  user add --email E --name N --password P --bu CODE --roles R[,R] [--organization ID]
                        Create a staff account (or add an existing one) with roles in a
                        business unit; roles: admin, planner, field_worker
  import customers FILE --mode MODE [--bu CODE] [--organization ID] [--dry-run]
                        Import customers from a CSV file and print the report as JSON;
                        modes: ${IMPORT_MODES.join(", ")}.
                        --bu may be left out when the database has one organization
                        with one business unit. Exits 0 when the import ran (even with
                        rejected rows), 1 when the file cannot be imported, 2 on bad
                        arguments
  help                  Show this text

Settings come from the environment; see .env.example.`;
