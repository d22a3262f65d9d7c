import { describe, expect, it } from "vitest";
import { estimateTravel, greatCircleKm } from "../../../src/domain/scheduling/travel.js";

const bellecour = { latitude: 45.7578, longitude: 4.832 };
const villeurbanne = { latitude: 45.7719, longitude: 4.8902 };

describe("built-in travel estimate", () => {
  it("measures the great-circle distance between two Lyon places", () => {
    expect(greatCircleKm(bellecour, villeurbanne)).toBeCloseTo(4.779, 3);
  });

  it("adds the road factor, the speed and the overhead, rounding minutes up", () => {
    expect(estimateTravel(bellecour, villeurbanne)).toEqual({ minutes: 15, km: 6.2 });
  });

  it("costs nothing between two visits at the same address", () => {
    expect(estimateTravel(bellecour, bellecour)).toEqual({ minutes: 0, km: 0 });
  });
});
