// SORT and SORT_RO compared with a real redis-server.

import { differentialSuite } from "../support/differential.js";

differentialSuite("data: sort", (t) => {
  t.exact(["RPUSH", "n", "3", "1", "10", "2", "-1.5", "1e1"]);
  t.exact(["SORT", "n"]);
  t.exact(["SORT", "n", "DESC"]);
  t.exact(["SORT", "n", "ALPHA"]);
  t.exact(["SORT", "n", "LIMIT", "1", "2"]);
  t.exact(["SORT", "n", "LIMIT", "-5", "2"]);
  t.exact(["SORT", "n", "LIMIT", "4", "-1"]);
  t.exact(["SORT", "n", "LIMIT", "10", "1"]);
  t.exact(["SORT_RO", "n", "DESC", "LIMIT", "0", "3"]);
  t.exact(["RPUSH", "w", "a", "b", "c", "d"]);
  t.error(["SORT", "w"]);
  t.exact(["SORT", "w", "ALPHA", "DESC"]);
  t.exact(["MSET", "weight_a", "3", "weight_b", "1", "weight_c", "2"]);
  t.exact(["SORT", "w", "BY", "weight_*"]);
  t.exact(["SORT", "w", "BY", "weight_*", "DESC"]);
  t.exact(["SORT", "w", "BY", "weight_*", "ALPHA"]);
  t.exact(["SORT", "w", "BY", "nosort"]);
  t.exact(["SORT", "w", "BY", "nosort", "DESC"]);
  t.exact(["SORT", "w", "BY", "nosort", "DESC", "LIMIT", "1", "2"]);
  t.exact(["HSET", "obj_a", "name", "alpha", "rank", "2"]);
  t.exact(["HSET", "obj_b", "name", "beta", "rank", "1"]);
  t.exact(["SORT", "w", "BY", "obj_*->rank", "GET", "#", "GET", "obj_*->name", "GET", "weight_*"]);
  t.exact(["SORT", "w", "BY", "weight_*", "GET", "nostar"]);
  t.exact(["SORT", "w", "BY", "weight_*", "STORE", "out"]);
  t.exact(["LRANGE", "out", "0", "-1"]);
  t.exact(["SORT", "w", "BY", "weight_*", "GET", "obj_*->name", "STORE", "out2"]);
  t.exact(["LRANGE", "out2", "0", "-1"]);
  t.exact(["SORT", "missing", "STORE", "out"]);
  t.exact(["EXISTS", "out"]);
  t.exact(["SADD", "s", "5", "3", "4"]);
  t.exact(["SORT", "s"]);
  t.exact(["SORT", "s", "DESC"]);
  t.exact(["SORT", "s", "BY", "nosort", "DESC"]);
  t.exact(["ZADD", "z", "1", "c", "2", "a", "3", "b"]);
  t.exact(["SORT", "z", "ALPHA"]);
  t.exact(["SORT", "z", "BY", "nosort"]);
  t.exact(["SORT", "z", "BY", "nosort", "DESC"]);
  t.exact(["SORT", "z", "BY", "nosort", "LIMIT", "1", "1"]);
  t.exact(["SET", "str", "v"]);
  t.error(["SORT", "str"]);
  t.error(["SORT", "n", "BOGUS"]);
  t.error(["SORT", "n", "LIMIT", "x", "1"]);
  t.error(["SORT", "n", "STORE"]);
  t.error(["SORT_RO", "n", "STORE", "d"]);
  t.exact(["RPUSH", "spaces", " 2", "", "1"]);
  t.exact(["SORT", "spaces"]);
  t.exact(["RPUSH", "over", "1e400"]);
  t.error(["SORT", "over"]);
  // A set stored without sorting (BY without `*`) is stored sorted lexicographically.
  t.exact(["SADD", "myset", "c", "b", "a", "10", "9"]);
  t.exact(["SORT", "myset", "ALPHA", "BY", "_", "STORE", "mylist"]);
  t.exact(["LRANGE", "mylist", "0", "-1"]);
  t.exact(["SORT", "myset", "BY", "nosort", "DESC", "STORE", "mylist"]);
  t.exact(["LRANGE", "mylist", "0", "-1"]);
  t.exact(["SORT", "myset", "BY", "nosort", "LIMIT", "1", "2", "STORE", "mylist"]);
  t.exact(["LRANGE", "mylist", "0", "-1"]);
  // Key extraction finds the last STORE, and skips the arguments of LIMIT, GET and BY.
  t.exact([
    "COMMAND",
    "GETKEYS",
    "SORT",
    "abc",
    "STORE",
    "invalid",
    "STORE",
    "stillbad",
    "STORE",
    "def",
  ]);
  t.exact(["COMMAND", "GETKEYS", "SORT", "abc", "GET", "STORE", "LIMIT", "0", "1"]);
  t.exact(["COMMAND", "GETKEYS", "SORT", "abc", "LIMIT", "STORE", "x", "STORE", "y"]);
  t.exact(["COMMAND", "GETKEYS", "SORT", "abc", "BY", "STORE", "STORE"]);
});
