/**
 * Runs every benchmark and prints the figures; each one also writes its JSON file under
 * bench/results. `npm run bench -- --quick` runs one repetition of the import and a reduced
 * scheduling-assistant benchmark. The assistant benchmark needs the PostgreSQL server of
 * BENCH_POSTGRES_URL (a local one by default). The schedule rendering benchmark needs a
 * production build of the pages (`npm run build`). `--quick` also shortens the portal
 * code-request benchmark.
 */
import { runAssistantBench } from "./assistant.js";
import { runCustomerImportBench } from "./customer-import.js";
import { runPortalLoginBench } from "./portal-login.js";
import { runScheduleRenderBench } from "./schedule-render.js";

console.log("customer import");
console.table(await runCustomerImportBench());
console.log("scheduling assistant");
console.table(await runAssistantBench());
console.log("portal code requests, known and unknown identifiers (C39)");
console.table(await runPortalLoginBench());
console.log("team schedule rendering");
console.log(await runScheduleRenderBench());
