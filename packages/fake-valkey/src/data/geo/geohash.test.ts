import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeScore,
  distance,
  fixedDigits,
  humanDigits,
  LAT_MAX,
  LAT_MIN,
  scoreOf,
} from "./geohash.js";

describe("geohash", () => {
  it("gives the server's score, centre and digits for a known place", () => {
    // Palermo, as redis-server stores and prints it.
    const score = scoreOf(13.361389, 38.115556);
    expect(score).toBe(3479099956230698);
    const [lon, lat] = decodeScore(score);
    expect(humanDigits(lon)).toBe("13.36138933897018433");
    expect(humanDigits(lat)).toBe("38.11555639549629859");
  });

  it("decodes every score to a point within a cell of the encoded one", () => {
    // The upper limits themselves land one cell beyond the grid, as on the
    // server (the differential suite checks them): they are left out here.
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 179.9999, noNaN: true }),
        fc.double({ min: LAT_MIN, max: LAT_MAX - 1e-6, noNaN: true }),
        (lon, lat) => {
          const [x, y] = decodeScore(scoreOf(lon, lat));
          return Math.abs(x - lon) <= 360 / 2 ** 26 && Math.abs(y - lat) <= 171 / 2 ** 26;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("prints fixed digits of the exact binary value, rounded half to even", () => {
    expect(fixedDigits(0.5, 0)).toBe("0");
    expect(fixedDigits(1.5, 0)).toBe("2");
    expect(fixedDigits(2.675, 2)).toBe("2.67");
    expect(fixedDigits(-1.25, 1)).toBe("-1.2");
    expect(fixedDigits(166274.1516, 4)).toBe("166274.1516");
    expect(humanDigits(-0.0000000000000000001)).toBe("0");
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        return Math.abs(Number(fixedDigits(value, 4)) - value) <= 0.00005 + 1e-9 * Math.abs(value);
      }),
      { numRuns: 1000 },
    );
  });

  it("measures distances on the server's Earth radius", () => {
    // Between the stored (cell-centre) positions, as GEODIST measures.
    const [lon1, lat1] = decodeScore(scoreOf(13.361389, 38.115556));
    const [lon2, lat2] = decodeScore(scoreOf(15.087269, 37.502669));
    expect(fixedDigits(distance(lon1, lat1, lon2, lat2) / 1000, 4)).toBe("166.2742");
    expect(distance(10, 20, 10, 21)).toBeCloseTo(111226.3, 0);
  });
});
