// OBJECT ENCODING after the server's conversions, driven by the CONFIG
// thresholds: strings (int/embstr/raw), hashes and sorted sets (listpack →
// hashtable/skiplist), sets (intset → listpack → hashtable) and lists
// (listpack ⇄ quicklist), each one-way except lists, which go back to a
// listpack at half the limit. Small lists and sets of strings are listpacks
// since Redis 7.2 (redis-server 7.0 says quicklist/hashtable): those steps
// compare the fake with the newer reply.

import { differentialSuite, LISTPACK_SINCE_7_2 } from "../support/differential.js";

differentialSuite("data: object encodings", (t) => {
  // Strings.
  t.exact(["SET", "int", "12345"]);
  t.exact(["OBJECT", "ENCODING", "int"]);
  t.exact(["SET", "emb", "x".repeat(44)]);
  t.exact(["OBJECT", "ENCODING", "emb"]);
  t.exact(["SET", "raw", "x".repeat(45)]);
  t.exact(["OBJECT", "ENCODING", "raw"]);
  t.exact(["APPEND", "int", "1"]);
  t.exact(["OBJECT", "ENCODING", "int"]);
  // Hashes: entries and value length, and no way back.
  t.exact(["CONFIG", "SET", "hash-max-listpack-entries", "3"]);
  t.exact(["CONFIG", "GET", "hash-max-ziplist-entries"]);
  t.exact(["HSET", "h", "a", "1", "b", "2", "c", "3"]);
  t.exact(["OBJECT", "ENCODING", "h"]);
  t.exact(["HSET", "h", "d", "4"]);
  t.exact(["OBJECT", "ENCODING", "h"]);
  t.exact(["HDEL", "h", "a", "b", "c"]);
  t.exact(["OBJECT", "ENCODING", "h"]);
  t.exact(["CONFIG", "SET", "hash-max-ziplist-value", "4"]);
  t.exact(["CONFIG", "GET", "hash-max-listpack-value"]);
  t.exact(["HSET", "h2", "f", "12345"]);
  t.exact(["OBJECT", "ENCODING", "h2"]);
  t.exact(["HSET", "h3", "f", "1234"]);
  t.exact(["OBJECT", "ENCODING", "h3"]);
  t.exact(["CONFIG", "SET", "hash-max-listpack-value", "1kb"]);
  t.exact(["CONFIG", "GET", "hash-max-listpack-value"]);
  t.exact(["CONFIG", "SET", "hash-max-listpack-entries", "512"]);
  t.exact(["CONFIG", "SET", "hash-max-listpack-value", "64"]);
  // Sorted sets.
  t.exact(["CONFIG", "SET", "zset-max-listpack-entries", "2"]);
  t.exact(["ZADD", "z", "1", "a", "2", "b"]);
  t.exact(["OBJECT", "ENCODING", "z"]);
  t.exact(["ZADD", "z", "3", "c"]);
  t.exact(["OBJECT", "ENCODING", "z"]);
  t.exact(["ZREM", "z", "a", "b"]);
  t.exact(["OBJECT", "ENCODING", "z"]);
  t.exact(["CONFIG", "SET", "zset-max-ziplist-value", "3"]);
  t.exact(["ZADD", "z2", "1", "abcd"]);
  t.exact(["OBJECT", "ENCODING", "z2"]);
  t.exact(["CONFIG", "SET", "zset-max-listpack-entries", "0"]);
  t.exact(["ZADD", "z3", "1", "a"]);
  t.exact(["OBJECT", "ENCODING", "z3"]);
  t.exact(["CONFIG", "SET", "zset-max-listpack-entries", "128"]);
  t.exact(["CONFIG", "SET", "zset-max-listpack-value", "64"]);
  // Sets: intset within set-max-intset-entries, then a hashtable.
  t.exact(["CONFIG", "SET", "set-max-intset-entries", "3"]);
  t.exact(["SADD", "s", "1", "2", "3"]);
  t.exact(["OBJECT", "ENCODING", "s"]);
  t.exact(["SMEMBERS", "s"]);
  t.exact(["SADD", "s", "4"]);
  t.exact(["OBJECT", "ENCODING", "s"]);
  t.exact(["SREM", "s", "1", "2", "3"]);
  t.exact(["OBJECT", "ENCODING", "s"]);
  t.exact(["SADD", "strings", "a", "b"]);
  t.exact(["OBJECT", "ENCODING", "strings"], LISTPACK_SINCE_7_2);
  t.exact(["SADD", "mixed", "1", "2"]);
  t.exact(["SADD", "mixed", "x"]);
  t.exact(["OBJECT", "ENCODING", "mixed"], LISTPACK_SINCE_7_2);
  t.exact(["CONFIG", "SET", "set-max-intset-entries", "512"]);
  // Lists.
  t.exact(["RPUSH", "l", "a", "b", "c"]);
  t.exact(["OBJECT", "ENCODING", "l"], LISTPACK_SINCE_7_2);
  t.exact(["CONFIG", "SET", "list-max-listpack-size", "4"]);
  t.exact(["CONFIG", "GET", "list-max-ziplist-size"]);
  t.exact(["RPUSH", "l", "d", "e"]);
  t.exact(["OBJECT", "ENCODING", "l"]);
  t.exact(["RPOP", "l", "2"]);
  t.exact(["OBJECT", "ENCODING", "l"]);
  t.exact(["RPOP", "l", "1"]);
  t.exact(["OBJECT", "ENCODING", "l"], LISTPACK_SINCE_7_2);
  t.exact(["CONFIG", "SET", "list-max-listpack-size", "-1"]);
  t.exact(["RPUSH", "big", "x".repeat(5000)]);
  t.exact(["OBJECT", "ENCODING", "big"]);
  t.exact(["CONFIG", "SET", "list-max-listpack-size", "-2"]);
  // CONFIG SET's errors.
  t.exact(["CONFIG", "SET", "set-max-intset-entries", "-1"]);
  t.exact(["CONFIG", "SET", "list-max-listpack-size", "99999999999"]);
  t.exact(["CONFIG", "SET", "list-max-ziplist-size", "x"]);
  t.exact(["CONFIG", "SET", "zset-max-ziplist-value", "-5"]);
  t.exact(["CONFIG", "SET", "hash-max-listpack-value", "1.5"]);
  t.exact(["CONFIG", "SET", "hash-max-listpack-entries", "abc"]);
});
