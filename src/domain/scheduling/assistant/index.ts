/**
 * The scheduling assistant: ranked, explained, travel-aware slots for a visit. Pure code; the
 * service loads workers, visits and one travel matrix, then calls these functions.
 */
export { explainPlacement, type PlacementExplanation, type PlacementInput } from "./explain.js";
export { compareSlots, findSlots, gradeOf, scoreSlot } from "./search.js";
export * from "./settings.js";
export * from "./summary.js";
export * from "./types.js";
export { type ArrivalWindow, arrivalWindows } from "./windows.js";
