// Eviction compared with a real redis-server, robust to the fake's memory
// estimate: maxmemory 1 is below what either server uses, so each command
// evicts every key the policy may evict (the `evicted` events, class e) and
// deny-oom commands get OOM. Where several keys go, the policies' order is
// clear-cut (nearest expiry first, least used first).

import { differentialSuite } from "../support/differential.js";

differentialSuite("keyspace notifications: evicted keys", (t) => {
  t.on("sub").exact(["PSUBSCRIBE", "__key*__:*"]);
  t.exact(["SET", "plain", "v"]);
  t.exact(["SET", "later", "v", "EX", "300"]);
  t.exact(["SET", "soon", "v", "EX", "100"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "KEe"]);
  const events = (count: number) => {
    for (let i = 0; i < count; i++) t.on("sub").receive();
  };
  // volatile-ttl: the keys with a TTL go, nearest expiry first; the plain key stays.
  t.exact(["CONFIG", "SET", "maxmemory-policy", "volatile-ttl"]);
  t.exact(["CONFIG", "SET", "maxmemory", "1"]);
  events(4);
  t.error(["SET", "more", "v"]);
  t.exact(["GET", "plain"]);
  t.exact(["EXISTS", "soon", "later"]);
  // allkeys-random: the plain key goes at the next command.
  t.exact(["CONFIG", "SET", "maxmemory-policy", "allkeys-random"]);
  t.exact(["DBSIZE"]);
  events(2);
  t.error(["LPUSH", "list", "a"]);
  t.exact(["CONFIG", "SET", "maxmemory", "0"]);
  // allkeys-lfu: with a log factor of 0 every access counts, so the cold key goes first.
  t.exact(["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"]);
  t.exact(["CONFIG", "SET", "lfu-log-factor", "0"]);
  t.exact(["SET", "hot", "v"]);
  t.exact(["SET", "cold", "v"]);
  t.exact(["GET", "hot"]);
  t.exact(["GET", "hot"]);
  t.exact(["SELECT", "2"]);
  t.exact(["SET", "other", "v", "EX", "100"]);
  t.exact(["SELECT", "0"]);
  t.exact(["CONFIG", "SET", "maxmemory", "1"]);
  events(6);
  t.error(["SET", "more", "v"]);
  t.exact(["CONFIG", "SET", "maxmemory", "0"]);
  t.exact(["CONFIG", "SET", "lfu-log-factor", "10"]);
  t.exact(["CONFIG", "SET", "maxmemory-policy", "noeviction"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", ""]);
  t.exact(["SET", "after", "v"]);
  t.on("sub").exact(["PING"]);
});
