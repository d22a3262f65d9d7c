/**
 * Runs every benchmark and prints the figures; each one also writes its JSON file under
 * bench/results. `npm run bench -- --quick` runs one repetition of each.
 */
import { runCustomerImportBench } from "./customer-import.js";

console.log("customer import");
console.table(await runCustomerImportBench());
