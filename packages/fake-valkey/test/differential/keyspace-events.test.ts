// Keyspace notifications compared with a real redis-server: the channels,
// their order (keyspace before keyevent), and the class letters that select
// them, for the commands the fake publishes events for (see the README).

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
  t.exact(["INCR", "n"]);
  events(2);
  t.exact(["DECRBY", "n", "5"]);
  events(2);
  t.exact(["EXPIRE", "n", "100"]);
  events(2);
  t.exact(["PERSIST", "n"]);
  events(2);
  t.exact(["PERSIST", "n"]);
  t.exact(["PEXPIREAT", "n", "1"]);
  events(2);
  t.exact(["ZADD", "z", "1", "a", "2", "b"]);
  events(2);
  t.exact(["ZADD", "z", "1", "a"]);
  t.exact(["ZINCRBY", "z", "5", "a"]);
  events(2);
  t.exact(["ZREM", "z", "a", "missing"]);
  events(2);
  t.exact(["ZREM", "z", "b"]);
  events(4);
  t.exact(["HSET", "h2", "f", "v", "g", "w"]);
  events(2);
  t.exact(["HDEL", "h2", "f", "g"]);
  events(4);
  t.exact(["SADD", "s2", "a"]);
  events(2);
  t.exact(["SREM", "s2", "nope"]);
  t.exact(["SREM", "s2", "a"]);
  events(4);
  t.exact(["RPUSH", "pl", "a", "b", "c"]);
  events(2);
  t.exact(["LPOP", "pl"]);
  events(2);
  t.exact(["RPOP", "pl", "5"]);
  events(4);
  t.exact(["LPOP", "pl"]);
  t.exact(["APPEND", "ap", "x"]);
  events(2);
  t.exact(["RENAME", "ap", "ap2"]);
  events(4);
  t.exact(["RENAMENX", "ap2", "ap3"]);
  events(4);
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
