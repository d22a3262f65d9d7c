/**
 * The built-in travel estimate: great-circle distance × road factor ÷ average speed, plus a fixed
 * overhead (parking, walking to the door) whenever the two points differ. Routing engines give
 * better figures; this one needs nothing but coordinates.
 */
export interface TravelEstimateSettings {
  /** Road distance over straight-line distance; about 1.3 in French towns and countryside. */
  roadFactor: number;
  averageSpeedKmh: number;
  overheadMinutes: number;
}

export const DEFAULT_TRAVEL_SETTINGS: TravelEstimateSettings = {
  roadFactor: 1.3,
  averageSpeedKmh: 40,
  overheadMinutes: 5,
};

export interface Point {
  latitude: number;
  longitude: number;
}

export interface Travel {
  /** Whole minutes, rounded up. */
  minutes: number;
  /** Road kilometres, to one decimal. */
  km: number;
}

const EARTH_RADIUS_KM = 6371.0088;

export function greatCircleKm(a: Point, b: Point): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function estimateTravel(
  from: Point,
  to: Point,
  settings: TravelEstimateSettings = DEFAULT_TRAVEL_SETTINGS,
): Travel {
  const roadKm = greatCircleKm(from, to) * settings.roadFactor;
  if (roadKm < 0.001) return { minutes: 0, km: 0 };
  const minutes = Math.ceil((roadKm / settings.averageSpeedKmh) * 60 + settings.overheadMinutes);
  return { minutes, km: Math.round(roadKm * 10) / 10 };
}
