/**
 * Runs every benchmark and prints the figures; each one also writes its JSON file under
 * bench/results. `npm run bench -- --quick` runs one repetition of the import. The schedule
 * rendering benchmark needs a production build of the pages (`npm run build`).
 */
import { runCustomerImportBench } from "./customer-import.js";
import { runScheduleRenderBench } from "./schedule-render.js";

console.log("customer import");
console.table(await runCustomerImportBench());
console.log("team schedule rendering");
console.log(await runScheduleRenderBench());
