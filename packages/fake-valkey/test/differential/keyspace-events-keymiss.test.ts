// The keymiss event (class m, not part of A) compared with a real
// redis-server: published per read lookup that finds no key, by read-only
// commands and by the writes that read a source key; not by OBJECT, MEMORY
// USAGE, scripts' own keys, or writes' lookups. A command publishing nothing
// shows as the next command's message arriving instead.

import { differentialSuite } from "../support/differential.js";

differentialSuite("keyspace notifications: keymiss", (t) => {
  t.on("sub").exact(["PSUBSCRIBE", "__key*__:*"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "KEm"]);
  const events = (count: number) => {
    for (let i = 0; i < count; i++) t.on("sub").receive();
  };
  t.exact(["SET", "here", "v"]);
  t.exact(["GET", "missing"]);
  events(2);
  t.exact(["GET", "here"]);
  t.exact(["MGET", "here", "m1", "m2"]);
  events(4);
  t.exact(["EXISTS", "here", "m1"]);
  events(2);
  t.exact(["TYPE", "m1"]);
  events(2);
  t.exact(["TTL", "m1"]);
  events(2);
  t.exact(["STRLEN", "m1"]);
  events(2);
  t.exact(["HGET", "h", "f"]);
  events(2);
  t.exact(["LRANGE", "l", "0", "-1"]);
  events(2);
  t.exact(["SMEMBERS", "s"]);
  events(2);
  t.exact(["ZSCORE", "z", "m"]);
  events(2);
  t.exact(["SINTER", "s1", "s2"]);
  events(4);
  t.exact(["XRANGE", "x", "-", "+"]);
  events(2);
  t.exact(["XREAD", "STREAMS", "x", "0"]);
  events(4);
  t.exact(["PFCOUNT", "p1", "p2"]);
  events(4);
  t.exact(["TOUCH", "here", "m1"]);
  events(2);
  t.exact(["SORT_RO", "l"]);
  events(2);
  t.exact(["GEOPOS", "g", "m"]);
  events(2);
  // Writes that read a source key.
  t.exact(["SUNIONSTORE", "dest", "s1", "s2"]);
  events(4);
  t.exact(["ZUNIONSTORE", "dest", "2", "z1", "z2"]);
  events(4);
  t.exact(["ZRANGESTORE", "dest", "z1", "0", "-1"]);
  events(2);
  t.exact(["BITOP", "AND", "dest", "b1", "b2"]);
  events(4);
  t.exact(["SORT", "l", "STORE", "dest"]);
  events(2);
  t.exact(["COPY", "m1", "m2"]);
  events(2);
  t.exact(["PFMERGE", "pd", "p1"]);
  events(4);
  t.exact(["GETDEL", "m1"]);
  events(2);
  t.exact(["GETEX", "m1"]);
  events(2);
  t.exact(["GETSET", "gs", "v"]);
  events(2);
  t.exact(["SET", "sg", "v", "GET"]);
  events(2);
  t.exact(["GEOSEARCHSTORE", "dest", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"]);
  events(2);
  t.exact(["GEORADIUS", "g", "0", "0", "1", "km", "STORE", "dest"]);
  events(2);
  // Lookups that publish nothing: the next message is the GET's.
  t.exact(["OBJECT", "ENCODING", "m1"]);
  t.exact(["MEMORY", "USAGE", "m1"]);
  t.exact(["EVAL_RO", "return 1", "1", "m1"]);
  t.exact(["INCR", "counter"]);
  t.exact(["LPUSHX", "m1", "a"]);
  t.exact(["LPOP", "m1"]);
  t.error(["RENAME", "m1", "m2"]);
  t.exact(["SET", "plain", "v"]);
  t.exact(["GET", "last"]);
  events(2);
  // Other classes leave keymiss out, and m alone needs K or E.
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "KEA"]);
  t.exact(["GET", "missing"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "m"]);
  t.exact(["GET", "missing"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "Em"]);
  t.exact(["SELECT", "4"]);
  t.exact(["GET", "elsewhere"]);
  events(1);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", ""]);
  t.on("sub").exact(["PING"]);
});
