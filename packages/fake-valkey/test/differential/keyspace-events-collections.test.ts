// Keyspace notifications of the hash, list, set and sorted-set commands that
// change a collection beyond adding to it (moves, trims, pops, range
// removals, *STORE), and of COPY, MOVE, SORT STORE, the bit, HyperLogLog and
// geo writes and GETEX, compared with a real redis-server: channels, order
// (destination before source for list moves, `del` after the event that
// emptied a key) and commands that publish nothing.

import { differentialSuite } from "../support/differential.js";

differentialSuite("keyspace notifications of collections", (t) => {
  t.on("sub").exact(["PSUBSCRIBE", "__key*__:*"]);
  t.exact(["CONFIG", "SET", "notify-keyspace-events", "KEA"]);
  const events = (count: number) => {
    for (let i = 0; i < count; i++) t.on("sub").receive();
  };
  // Hashes.
  t.exact(["HSETNX", "h", "f", "v"]);
  events(2);
  t.exact(["HSETNX", "h", "f", "v"]);
  t.exact(["HINCRBY", "h", "n", "1"]);
  events(2);
  t.exact(["HINCRBYFLOAT", "h", "x", "1.5"]);
  events(2);
  // Lists.
  t.exact(["RPUSH", "l", "a", "b", "c", "d"]);
  events(2);
  t.exact(["LSET", "l", "0", "z"]);
  events(2);
  t.exact(["LINSERT", "l", "BEFORE", "z", "y"]);
  events(2);
  t.exact(["LINSERT", "l", "BEFORE", "nosuch", "q"]);
  t.exact(["LREM", "l", "1", "y"]);
  events(2);
  t.exact(["LREM", "l", "1", "nosuch"]);
  t.exact(["LTRIM", "l", "0", "1"]);
  events(2);
  t.exact(["LMOVE", "l", "l2", "LEFT", "RIGHT"]);
  events(4);
  t.exact(["RPOPLPUSH", "l", "l2"]);
  events(6);
  t.exact(["LTRIM", "l2", "5", "10"]);
  events(4);
  // Sets.
  t.exact(["SADD", "s", "a", "b", "c"]);
  events(2);
  t.sorted(["SPOP", "s", "5"]);
  t.exact(["SPOP", "s", "5"]);
  events(4);
  t.exact(["SADD", "s", "a", "b"]);
  events(2);
  t.exact(["SMOVE", "s", "s2", "a"]);
  events(4);
  t.exact(["SMOVE", "s", "s2", "b"]);
  events(6);
  t.exact(["SADD", "a1", "1", "2", "3"]);
  events(2);
  t.exact(["SADD", "a2", "2", "3", "4"]);
  events(2);
  t.exact(["SINTERSTORE", "dst", "a1", "a2"]);
  events(2);
  t.exact(["SUNIONSTORE", "dst", "a1", "a2"]);
  events(2);
  t.exact(["SDIFFSTORE", "dst", "a1", "a1"]);
  events(2);
  t.exact(["SDIFFSTORE", "dst", "a1", "a1"]);
  // Sorted sets.
  t.exact(["ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d"]);
  events(2);
  t.exact(["ZPOPMIN", "z"]);
  events(2);
  t.exact(["ZPOPMAX", "z", "5"]);
  events(4);
  t.exact(["ZPOPMAX", "z", "5"]);
  t.exact(["ZADD", "z", "1", "a", "2", "b", "3", "c"]);
  events(2);
  t.exact(["ZREMRANGEBYSCORE", "z", "1", "1"]);
  events(2);
  t.exact(["ZREMRANGEBYRANK", "z", "0", "0"]);
  events(2);
  t.exact(["ZREMRANGEBYLEX", "z", "-", "+"]);
  events(4);
  t.exact(["ZREMRANGEBYSCORE", "z", "1", "1"]);
  t.exact(["ZADD", "za", "1", "a"]);
  events(2);
  t.exact(["ZADD", "zb", "2", "b"]);
  events(2);
  t.exact(["ZUNIONSTORE", "zd", "2", "za", "zb"]);
  events(2);
  t.exact(["ZINTERSTORE", "zd", "2", "za", "zb"]);
  events(2);
  t.exact(["ZDIFFSTORE", "zd", "1", "za"]);
  events(2);
  t.exact(["ZRANGESTORE", "zr", "za", "0", "-1"]);
  events(2);
  // Pops of several keys and blocking pops served at once.
  t.exact(["RPUSH", "p1", "a", "b"]);
  events(2);
  t.exact(["LMPOP", "2", "nosuch", "p1", "LEFT"]);
  events(2);
  t.exact(["BLPOP", "nosuch", "p1", "0"]);
  events(4);
  t.exact(["ZADD", "pz", "1", "a", "2", "b", "3", "c"]);
  events(2);
  t.exact(["ZMPOP", "1", "pz", "MIN"]);
  events(2);
  t.exact(["BZPOPMAX", "pz", "0"]);
  events(2);
  t.exact(["BZMPOP", "0", "1", "pz", "MAX", "COUNT", "5"]);
  events(4);
  // Generic and string commands.
  t.exact(["COPY", "za", "zc"]);
  events(2);
  t.exact(["COPY", "za", "zc", "DB", "1"]);
  events(2);
  t.exact(["MOVE", "zc", "2"]);
  events(4);
  t.exact(["RPUSH", "src", "3", "1", "2"]);
  events(2);
  t.exact(["SORT", "src", "STORE", "sorted"]);
  events(2);
  t.exact(["SORT", "nosuch", "STORE", "sorted"]);
  events(2);
  t.exact(["SORT", "nosuch", "STORE", "sorted"]);
  t.exact(["SETBIT", "b", "7", "1"]);
  events(2);
  t.exact(["BITFIELD", "b", "GET", "u8", "0"]);
  t.exact(["BITFIELD", "b", "SET", "u8", "0", "3"]);
  events(2);
  t.exact(["BITOP", "OR", "b2", "b"]);
  events(2);
  t.exact(["BITOP", "OR", "b2", "nosuch"]);
  events(2);
  t.exact(["PFADD", "hll", "a"]);
  events(2);
  t.exact(["PFADD", "hll", "a"]);
  t.exact(["PFMERGE", "hll2", "hll"]);
  events(2);
  t.exact(["GEOADD", "g", "13.361389", "38.115556", "Palermo"]);
  events(2);
  t.exact(["SET", "gx", "v"]);
  events(2);
  t.exact(["GETEX", "gx", "EX", "100"]);
  events(2);
  t.exact(["GETEX", "gx", "PERSIST"]);
  events(2);
  t.exact(["GETEX", "gx"]);
  t.exact(["GETEX", "gx", "PXAT", "1"]);
  events(2);
  // Nothing left unread on either side: the next message is this SET's.
  t.exact(["SET", "end", "v"]);
  events(2);
});
