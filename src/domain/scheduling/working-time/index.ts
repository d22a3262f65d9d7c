/**
 * Working time of field workers: weekly hours, dated exceptions, lunch breaks, public holidays and
 * unavailabilities, turned into working intervals of instants per local day.
 */
export { explainOutsideWorkingTime, isWithinWorkingTime } from "./check.js";
export { dayAvailability, workingIntervals } from "./day-availability.js";
export { type PublicHolidayOptions, publicHolidays } from "./holidays.js";
export { InvalidWorkingTimeInputError } from "./problems.js";
export * from "./types.js";
export {
  validateDateRange,
  validateException,
  validateUnavailability,
  validateWorkingTimeInput,
} from "./validate.js";
export { validateWeeklyHours } from "./validate-hours.js";
