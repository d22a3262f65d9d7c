export * from "./activities.js";
export * from "./auth.js";
export * from "./catalog.js";
export * from "./customers.js";
export * from "./files.js";
export * from "./messages.js";
export * from "./team.js";
export * from "./tenancy.js";
