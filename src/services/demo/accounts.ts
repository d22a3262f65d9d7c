import type { WeeklyHours } from "../../domain/scheduling/working-time/index.js";

/** The demo accounts, printed at start-up and listed in the README. Never use them in production. */
export const DEMO_PASSWORD = "rondo-demo-2026";
export const DEMO_ACCOUNTS = [
  { email: "admin@rondo-demo.example", name: "Camille Martin", roles: ["admin", "planner"] as const },
  { email: "planner@rondo-demo.example", name: "Hugo Bernard", roles: ["planner"] as const },
  { email: "tech@rondo-demo.example", name: "Léa Dubois", roles: ["field_worker"] as const },
];

/** A field worker of the demo, who signs in with `DEMO_PASSWORD`. */
export interface DemoWorker {
  email: string;
  name: string;
  /** The town of the base, as `lyon-area-places.csv` names it. Absent when the base is the unit's office. */
  town?: string;
  colour: string;
  weeklyHours: WeeklyHours;
  skills: { name: string; level: number }[];
  /** Whether the worker takes a week of leave during the demo's two weeks. */
  onLeave?: boolean;
}

const WEEKDAYS = ["1", "2", "3", "4", "5"] as const;

function hours(
  days: readonly string[],
  start: string,
  end: string,
  lunch: { start: string; end: string },
): WeeklyHours {
  return { days: Object.fromEntries(days.map((day) => [day, [{ start, end }]])), lunch };
}

const OFFICE_HOURS = hours(WEEKDAYS, "08:00", "17:00", { start: "12:00", end: "13:00" });

const TECH = DEMO_ACCOUNTS[2]!;

/** The eight field workers of the LYON unit. The first is the `tech@` demo account. */
export const LYON_WORKERS: DemoWorker[] = [
  {
    email: TECH.email,
    name: TECH.name,
    town: "Villeurbanne",
    colour: "#1c7ed6",
    weeklyHours: OFFICE_HOURS,
    skills: [
      { name: "Chaudière gaz", level: 4 },
      { name: "Plomberie", level: 3 },
      { name: "Pompe à chaleur", level: 2 },
    ],
  },
  {
    email: "thomas.moreau@rondo-demo.example",
    name: "Thomas Moreau",
    town: "Vénissieux",
    colour: "#e8590c",
    weeklyHours: hours(WEEKDAYS, "07:30", "16:00", { start: "12:00", end: "12:30" }),
    skills: [
      { name: "Chaudière gaz", level: 3 },
      { name: "Chaudière fioul", level: 4 },
    ],
  },
  {
    email: "julie.lefebvre@rondo-demo.example",
    name: "Julie Lefebvre",
    town: "Caluire-et-Cuire",
    colour: "#2f9e44",
    // Part time: four days a week.
    weeklyHours: hours(["1", "2", "3", "4"], "08:30", "16:30", { start: "12:00", end: "13:00" }),
    skills: [
      { name: "Climatisation", level: 4 },
      { name: "Pompe à chaleur", level: 3 },
    ],
  },
  {
    email: "nicolas.petit@rondo-demo.example",
    name: "Nicolas Petit",
    town: "Villefranche-sur-Saône",
    colour: "#ae3ec9",
    // Long mornings leave room for a four-hour installation before lunch.
    weeklyHours: hours(WEEKDAYS, "07:30", "17:00", { start: "12:00", end: "13:00" }),
    skills: [
      { name: "Pompe à chaleur", level: 5 },
      { name: "Climatisation", level: 3 },
      { name: "Chaudière gaz", level: 2 },
    ],
  },
  {
    email: "sarah.garcia@rondo-demo.example",
    name: "Sarah Garcia",
    town: "Vienne",
    colour: "#f08c00",
    weeklyHours: {
      days: {
        ...Object.fromEntries(["1", "2", "3", "4"].map((day) => [day, [{ start: "08:30", end: "17:30" }]])),
        "5": [{ start: "08:30", end: "16:00" }],
      },
      lunch: { start: "12:30", end: "13:30" },
    },
    skills: [
      { name: "Chaudière gaz", level: 3 },
      { name: "Plomberie", level: 2 },
    ],
  },
  {
    email: "antoine.roux@rondo-demo.example",
    name: "Antoine Roux",
    town: "Bron",
    colour: "#0c8599",
    weeklyHours: OFFICE_HOURS,
    skills: [
      { name: "Plomberie", level: 5 },
      { name: "Chaudière gaz", level: 2 },
    ],
  },
  {
    email: "manon.fournier@rondo-demo.example",
    name: "Manon Fournier",
    town: "Sainte-Foy-lès-Lyon",
    colour: "#e03131",
    weeklyHours: OFFICE_HOURS,
    skills: [
      { name: "Chaudière gaz", level: 5 },
      { name: "Chaudière fioul", level: 2 },
    ],
    onLeave: true,
  },
  {
    email: "karim.benali@rondo-demo.example",
    name: "Karim Benali",
    town: "Meyzieu",
    colour: "#5f3dc4",
    // Tuesday to Saturday, with a late lunch that leaves room for an installation in the morning.
    weeklyHours: hours(["2", "3", "4", "5", "6"], "08:00", "17:00", { start: "12:30", end: "13:30" }),
    skills: [
      { name: "Pompe à chaleur", level: 3 },
      { name: "Chaudière gaz", level: 2 },
      { name: "Climatisation", level: 2 },
    ],
  },
];

/** The two field workers of the MONTBONVILLERS unit, whose tours start at the unit's office. */
export const MONT_BONVILLERS_WORKERS: DemoWorker[] = [
  {
    email: "julien.mathieu@rondo-demo.example",
    name: "Julien Mathieu",
    colour: "#2f9e44",
    weeklyHours: OFFICE_HOURS,
    skills: [
      { name: "Chaudière fioul", level: 3 },
      { name: "Plomberie", level: 2 },
    ],
  },
  {
    email: "elodie.lambert@rondo-demo.example",
    name: "Élodie Lambert",
    colour: "#e8590c",
    weeklyHours: hours(WEEKDAYS, "08:00", "16:00", { start: "12:00", end: "12:45" }),
    skills: [
      { name: "Chaudière fioul", level: 2 },
      { name: "Chaudière gaz", level: 3 },
    ],
  },
];

export const LYON_SKILLS = [
  "Chaudière gaz",
  "Chaudière fioul",
  "Pompe à chaleur",
  "Climatisation",
  "Plomberie",
];
export const MONT_BONVILLERS_SKILLS = ["Chaudière fioul", "Chaudière gaz", "Plomberie"];
