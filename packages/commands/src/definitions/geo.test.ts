import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import { SortOrder } from "../options/generic.js";
import { GeoUnit } from "../options/geo.js";
import { ConditionalChange } from "../options/sorted-sets.js";
import { geoadd, geoCommands, geodist, geohash, geopos, geosearch, geosearchstore } from "./geo.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("geo arguments", () => {
  it("builds GEOADD from a Map, options first, longitude before latitude", () => {
    const members = new Map([
      ["Palermo", { longitude: 13.361389, latitude: 38.115556 }],
      ["Catania", { longitude: 15.087269, latitude: 37.502669 }],
    ]);
    expect(geoadd("g", members).args).toEqual([
      "GEOADD",
      "g",
      13.361389,
      38.115556,
      "Palermo",
      15.087269,
      37.502669,
      "Catania",
    ]);
    expect(
      geoadd("g", new Map([["p", { longitude: 1, latitude: 2 }]]), {
        updateMode: ConditionalChange.ONLY_IF_EXISTS,
        changed: true,
      }).args,
    ).toEqual(["GEOADD", "g", "XX", "CH", 1, 2, "p"]);
  });

  it("builds GEODIST, GEOHASH and GEOPOS", () => {
    expect(geodist("g", "a", "b").args).toEqual(["GEODIST", "g", "a", "b"]);
    expect(geodist("g", "a", "b", { unit: GeoUnit.KILOMETERS }).args).toEqual([
      "GEODIST",
      "g",
      "a",
      "b",
      "km",
    ]);
    expect(geohash("g", ["a", "b"]).args).toEqual(["GEOHASH", "g", "a", "b"]);
    expect(geopos("g", ["a"]).args).toEqual(["GEOPOS", "g", "a"]);
  });

  it("builds GEOSEARCH with origin, shape, WITH* flags, COUNT ANY and order", () => {
    expect(
      geosearch("g", { member: "Palermo" }, { radius: 200, unit: GeoUnit.KILOMETERS }).args,
    ).toEqual(["GEOSEARCH", "g", "FROMMEMBER", "Palermo", "BYRADIUS", 200, "km"]);
    expect(
      geosearch(
        "g",
        { position: { longitude: 15, latitude: 37 } },
        { width: 200, height: 300, unit: GeoUnit.MILES },
        {
          sortOrder: SortOrder.ASC,
          count: 2,
          isAny: true,
          withCoord: true,
          withDist: true,
          withHash: true,
        },
      ).args,
    ).toEqual([
      "GEOSEARCH",
      "g",
      "FROMLONLAT",
      15,
      37,
      "BYBOX",
      200,
      300,
      "mi",
      "WITHCOORD",
      "WITHDIST",
      "WITHHASH",
      "COUNT",
      2,
      "ANY",
      "ASC",
    ]);
  });

  it("builds GEOSEARCHSTORE with STOREDIST", () => {
    expect(
      geosearchstore(
        "d",
        "g",
        { member: "a" },
        { radius: 5, unit: GeoUnit.METERS },
        { storeDist: true, count: 1 },
      ).args,
    ).toEqual([
      "GEOSEARCHSTORE",
      "d",
      "g",
      "FROMMEMBER",
      "a",
      "BYRADIUS",
      5,
      "m",
      "STOREDIST",
      "COUNT",
      1,
    ]);
  });
});

describe("geo replies under RESP2 and RESP3", () => {
  it("parses GEOPOS coordinates from bulk strings (RESP2) and doubles (RESP3)", () => {
    expect(
      parseBoth(geopos("g", ["a", "b"]), [["13.5", "38.25"], null], [[13.5, 38.25], null]),
    ).toEqual({ resp2: [[13.5, 38.25], null], resp3: [[13.5, 38.25], null] });
  });

  it("parses GEODIST as a number or null", () => {
    expect(parseBoth(geodist("g", "a", "b"), "166.2742", "166.2742")).toEqual({
      resp2: 166.2742,
      resp3: 166.2742,
    });
    expect(parseBoth(geodist("g", "a", "z"), null, null)).toEqual({ resp2: null, resp3: null });
  });

  it("parses GEOHASH as strings, even when the reply is a Buffer", () => {
    expect(
      parseBoth(
        geohash("g", ["a", "z"]),
        [Buffer.from("sqc8b49rny0"), null],
        ["sqc8b49rny0", null],
      ),
    ).toEqual({ resp2: ["sqc8b49rny0", null], resp3: ["sqc8b49rny0", null] });
  });

  it("parses GEOSEARCH as bare names without WITH* options", () => {
    expect(
      parseBoth(
        geosearch("g", { member: "a" }, { radius: 1, unit: GeoUnit.METERS }),
        ["a", "b"],
        ["a", "b"],
      ),
    ).toEqual({ resp2: ["a", "b"], resp3: ["a", "b"] });
  });

  it("parses GEOSEARCH WITH* items as [member, [distance, hash, [lon, lat]]]", () => {
    const cmd = geosearch(
      "g",
      { member: "a" },
      { radius: 200, unit: GeoUnit.KILOMETERS },
      { withDist: true, withHash: true, withCoord: true, decoder: Decoder.String },
    );
    const expected = [["Catania", [166.2742, 3479447370796909, [15.5, 37.25]]]];
    expect(
      parseBoth(
        cmd,
        [["Catania", "166.2742", 3479447370796909, ["15.5", "37.25"]]],
        [["Catania", "166.2742", 3479447370796909, [15.5, 37.25]]],
      ),
    ).toEqual({ resp2: expected, resp3: expected });
  });

  it("rejects a malformed position with a RequestError", () => {
    const cmd = geopos("g", ["a"]);
    expect(() => cmd.spec.parse([["1"]], cmd, { resp: 2 })).toThrow(RequestError);
  });
});

describe("geoCommands", () => {
  it("records the six geo factories with GLIDE's request-type names", () => {
    expect(Object.keys(geoCommands).sort()).toEqual(
      ["geoadd", "geodist", "geohash", "geopos", "geosearch", "geosearchstore"].sort(),
    );
    expect(
      geosearchstore("d", "g", { member: "a" }, { radius: 1, unit: GeoUnit.METERS }).spec.glideName,
    ).toBe("GeoSearchStore");
  });
});
