// Geo commands compared with a real redis-server: scores (52-bit geohashes),
// the digits of positions and distances, geohash strings, and every search
// shape and option, in the server's (unsorted) scan order too.

import { differentialSuite } from "../support/differential.js";

const places: [string, string, string][] = [
  ["13.361389", "38.115556", "Palermo"],
  ["15.087269", "37.502669", "Catania"],
  ["12.758489", "38.788135", "edge1"],
  ["12.496365", "41.902782", "Rome"],
  ["2.352222", "48.856613", "Paris"],
  ["-0.127758", "51.507351", "London"],
  ["-73.935242", "40.730610", "NewYork"],
  ["151.209296", "-33.868820", "Sydney"],
  ["-179.9", "-85.05", "corner"],
  ["179.99", "85.05112878", "top"],
  ["0", "0", "origin"],
  ["180", "85.05112878", "limit1"],
  ["-180", "-85.05112878", "limit2"],
];

differentialSuite("data: geo", (t) => {
  t.exact(["GEOADD", "g", ...places.flat()]);
  t.exact(["GEOADD", "g", "13.361389", "38.115556", "Palermo"]);
  t.exact(["GEOADD", "g", "CH", "13.361390", "38.115556", "Palermo"]);
  t.exact(["GEOADD", "g", "NX", "CH", "1", "1", "Palermo", "2", "2", "new"]);
  t.exact(["GEOADD", "g", "XX", "CH", "13.361389", "38.115556", "Palermo", "3", "3", "never"]);
  t.error(["GEOADD", "g", "NX", "XX", "1", "1", "a"]);
  t.error(["GEOADD", "g", "1", "1"]);
  t.error(["GEOADD", "g", "200", "1", "a"]);
  t.error(["GEOADD", "g", "1", "86", "a"]);
  t.error(["GEOADD", "g", "x", "1", "a"]);
  t.error(["GEOADD", "g", "NX", "CH", "GT", "1", "1"]);
  t.exact(["SET", "str", "v"]);
  t.error(["GEOADD", "str", "1", "1", "a"]);
  t.exact(["ZRANGE", "g", "0", "-1", "WITHSCORES"]);
  t.exact(["GEOPOS", "g", "Palermo", "Catania", "missing", "corner", "top", "origin", "Sydney"]);
  t.exact(["GEOPOS", "missing", "a", "b"]);
  t.exact(["GEOPOS", "g"]);
  t.error(["GEOPOS", "str", "a"]);
  t.exact(["GEODIST", "g", "Palermo", "Catania"]);
  t.exact(["GEODIST", "g", "Palermo", "Catania", "km"]);
  t.exact(["GEODIST", "g", "Palermo", "Catania", "MI"]);
  t.exact(["GEODIST", "g", "Palermo", "Catania", "ft"]);
  t.exact(["GEODIST", "g", "London", "Sydney", "km"]);
  t.exact(["GEODIST", "g", "corner", "top"]);
  t.exact(["GEODIST", "g", "Palermo", "Palermo"]);
  t.exact(["GEODIST", "g", "Palermo", "missing"]);
  t.exact(["GEODIST", "missing", "a", "b"]);
  t.error(["GEODIST", "g", "Palermo", "Catania", "yards"]);
  t.error(["GEODIST", "g", "Palermo", "Catania", "km", "extra"]);
  t.exact(["GEOHASH", "g", "Palermo", "Catania", "missing", "corner", "top", "origin", "Sydney"]);
  t.exact(["GEOHASH", "missing", "a"]);
  // Searches: every shape, unsorted (the server's scan order) and sorted.
  t.exact(["GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"]);
  t.exact(["GEOSEARCH", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"]);
  t.exact([
    "GEOSEARCH",
    "g",
    "FROMLONLAT",
    "15",
    "37",
    "BYRADIUS",
    "400",
    "km",
    "DESC",
    "WITHDIST",
    "WITHCOORD",
    "WITHHASH",
  ]);
  t.exact(["GEOSEARCH", "g", "FROMMEMBER", "Palermo", "BYBOX", "400", "400", "km", "WITHDIST"]);
  t.exact(["GEOSEARCH", "g", "FROMMEMBER", "Rome", "BYRADIUS", "3000", "km"]);
  t.exact(["GEOSEARCH", "g", "FROMMEMBER", "Rome", "BYRADIUS", "3000", "km", "COUNT", "2"]);
  t.exact(["GEOSEARCH", "g", "FROMMEMBER", "Rome", "BYRADIUS", "3000", "km", "COUNT", "2", "ANY"]);
  t.exact(["GEOSEARCH", "g", "FROMMEMBER", "Rome", "BYRADIUS", "3000", "km", "COUNT", "3", "DESC"]);
  t.exact(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "20000", "km"]);
  t.exact(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYBOX", "40000", "20000", "km", "ASC"]);
  t.exact(["GEOSEARCH", "g", "FROMLONLAT", "-179", "-85", "BYRADIUS", "500", "km"]);
  t.exact(["GEOSEARCH", "g", "FROMLONLAT", "179.9", "85", "BYRADIUS", "10", "mi", "WITHCOORD"]);
  t.exact(["GEOSEARCH", "g", "FROMLONLAT", "13.361389", "38.115556", "BYRADIUS", "0", "m"]);
  t.exact(["GEOSEARCH", "missing", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m"]);
  t.exact(["GEOSEARCH", "missing", "FROMMEMBER", "x", "BYRADIUS", "1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMMEMBER", "missing", "BYRADIUS", "1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0"]);
  t.error(["GEOSEARCH", "g", "BYRADIUS", "1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "FROMMEMBER", "Rome", "BYRADIUS", "1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m", "BYBOX", "1", "1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "-1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "x", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "parsec"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYBOX", "-1", "1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYBOX", "x", "1", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYBOX", "1", "y", "m"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m", "ANY"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m", "COUNT", "0"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m", "STORE", "x"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m", "BOGUS"]);
  t.error(["GEOSEARCH", "g", "FROMLONLAT", "500", "0", "BYRADIUS", "1", "m"]);
  t.error(["GEOSEARCH", "str", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m"]);
  t.exact([
    "GEOSEARCHSTORE",
    "dst",
    "g",
    "FROMMEMBER",
    "Rome",
    "BYRADIUS",
    "3000",
    "km",
    "ASC",
    "COUNT",
    "3",
  ]);
  t.exact(["ZRANGE", "dst", "0", "-1", "WITHSCORES"]);
  t.exact([
    "GEOSEARCHSTORE",
    "dst",
    "g",
    "FROMMEMBER",
    "Rome",
    "BYRADIUS",
    "3000",
    "km",
    "STOREDIST",
  ]);
  t.exact(["ZRANGE", "dst", "0", "-1", "WITHSCORES"]);
  t.exact(["GEOSEARCHSTORE", "dst", "g", "FROMLONLAT", "100", "10", "BYRADIUS", "1", "km"]);
  t.exact(["EXISTS", "dst"]);
  t.exact(["SET", "dst", "x"]);
  t.exact(["GEOSEARCHSTORE", "dst", "missing", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km"]);
  t.exact(["EXISTS", "dst"]);
  t.error(["GEOSEARCHSTORE", "dst", "g", "FROMMEMBER", "Rome", "BYRADIUS", "1", "km", "WITHDIST"]);
  // The deprecated GEORADIUS family.
  t.exact(["GEORADIUS", "g", "15", "37", "200", "km"]);
  t.exact(["GEORADIUS", "g", "15", "37", "200", "km", "WITHDIST", "WITHCOORD", "ASC"]);
  t.exact(["GEORADIUS", "g", "15", "37", "4000", "km", "COUNT", "3", "DESC", "WITHHASH"]);
  t.exact(["GEORADIUS", "g", "15", "37", "4000", "km", "STORE", "rstore"]);
  t.exact(["ZRANGE", "rstore", "0", "-1", "WITHSCORES"]);
  t.exact(["GEORADIUS", "g", "15", "37", "4000", "km", "STOREDIST", "rstore", "COUNT", "2"]);
  t.exact(["ZRANGE", "rstore", "0", "-1", "WITHSCORES"]);
  t.error(["GEORADIUS", "g", "15", "37", "4000", "km", "STORE", "rstore", "WITHDIST"]);
  t.error(["GEORADIUS", "g", "15", "37", "-1", "km"]);
  t.error(["GEORADIUS", "g", "15", "37", "1", "light-years"]);
  t.error(["GEORADIUS", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m"]);
  t.exact(["GEORADIUS_RO", "g", "15", "37", "200", "km", "ASC"]);
  t.error(["GEORADIUS_RO", "g", "15", "37", "200", "km", "STORE", "x"]);
  t.exact(["GEORADIUSBYMEMBER", "g", "Palermo", "300", "km", "ASC", "WITHDIST"]);
  t.exact(["GEORADIUSBYMEMBER", "g", "Palermo", "300", "km"]);
  t.exact(["GEORADIUSBYMEMBER", "g", "Palermo", "300", "km", "STORE", "bym"]);
  t.exact(["GEORADIUSBYMEMBER", "missing", "Palermo", "300", "km"]);
  t.exact(["GEORADIUSBYMEMBER", "missing", "Palermo", "300", "km", "STORE", "bym"]);
  t.error(["GEORADIUSBYMEMBER", "g", "nobody", "300", "km"]);
  t.exact(["GEORADIUSBYMEMBER_RO", "g", "Palermo", "300", "km", "DESC"]);
  t.exact([
    "COMMAND",
    "GETKEYS",
    "GEORADIUS",
    "src",
    "0",
    "0",
    "1",
    "m",
    "STORE",
    "a",
    "STOREDIST",
    "b",
  ]);
});
