// Keyspace notifications of the geo searches that store (GEOSEARCHSTORE:
// `geosearchstore`, GEORADIUS/GEORADIUSBYMEMBER … STORE|STOREDIST:
// `georadiusstore`, or `del` of the destination when nothing is found) and of
// SWAPDB (none: the server publishes nothing for a swap), compared with a
// real redis-server.

import { differentialSuite } from "../support/differential.js";

differentialSuite("keyspace notifications: geo stores and SWAPDB", (t) => {
  t.on("sub").exact(["PSUBSCRIBE", "__key*__:*"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "KEA"]);
  const events = (count: number) => {
    for (let i = 0; i < count; i++) t.on("sub").receive();
  };
  t.exact(["GEOADD", "g", "13.361389", "38.115556", "pa", "15.087269", "37.502669", "ca"]);
  events(2);
  t.exact(["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"]);
  events(2);
  t.exact([
    "GEOSEARCHSTORE",
    "d",
    "g",
    "FROMMEMBER",
    "pa",
    "BYBOX",
    "400",
    "400",
    "km",
    "STOREDIST",
  ]);
  events(2);
  t.exact(["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"]);
  events(2);
  // Nothing to delete, nothing published.
  t.exact(["GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"]);
  t.exact(["GEORADIUS", "g", "15", "37", "200", "km", "STORE", "d2"]);
  events(2);
  t.exact(["GEORADIUSBYMEMBER", "g", "pa", "300", "km", "STOREDIST", "d3"]);
  events(2);
  t.exact(["GEORADIUS", "g", "0", "0", "1", "km", "STORE", "d2"]);
  events(2);
  // A missing source deletes the destination too.
  t.exact(["GEOSEARCHSTORE", "d3", "nowhere", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"]);
  events(2);
  t.exact(["SET", "k", "v"]);
  events(2);
  t.exact(["SWAPDB", "0", "1"]);
  t.exact(["SELECT", "1"]);
  t.exact(["GET", "k"]);
  t.exact(["SET", "k2", "v"]);
  events(2);
  t.exact(["SWAPDB", "1", "0"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", ""]);
  t.on("sub").exact(["PING"]);
});
