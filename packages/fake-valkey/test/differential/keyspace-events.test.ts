// Keyspace notifications compared with a real redis-server: the channels,
// their order (keyspace before keyevent), and the class letters that select
// them. The fake publishes events for DEL/UNLINK, SET, LPUSH/RPUSH, HSET,
// SADD, XADD and expired keys so far (see the README).

import { differentialSuite } from "../support/differential.js";

differentialSuite("keyspace notifications", (t) => {
  t.on("sub").exact(["PSUBSCRIBE", "__key*__:*"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "KEA"]);
  const events = (count: number) => {
    for (let i = 0; i < count; i++) t.on("sub").receive();
  };
  t.exact(["SET", "k", "v"]);
  events(2);
  t.exact(["SET", "k", "v", "EX", "100"]);
  events(4);
  t.exact(["DEL", "k", "missing"]);
  events(2);
  t.exact(["LPUSH", "l", "a", "b"]);
  events(2);
  t.exact(["RPUSH", "l", "c"]);
  events(2);
  t.exact(["HSET", "h", "f", "v"]);
  events(2);
  t.exact(["SADD", "s", "a"]);
  events(2);
  // Nothing added, nothing published: the next message is the XADD's.
  t.exact(["SADD", "s", "a"]);
  t.exact(["XADD", "x", "1-0", "f", "v"]);
  events(2);
  t.exact(["XADD", "x", "MAXLEN", "1", "2-0", "f", "v"]);
  events(4);
  t.exact(["UNLINK", "l"]);
  events(2);
  // Only keyevent messages of the string class now.
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "E$"]);
  t.exact(["LPUSH", "l", "a"]);
  t.exact(["SET", "k", "v"]);
  events(1);
  t.exact(["SELECT", "3"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "K$"]);
  t.exact(["SET", "k", "v"]);
  events(1);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", ""]);
  t.exact(["SET", "k", "v"]);
  t.on("sub").exact(["PING"]);
});
