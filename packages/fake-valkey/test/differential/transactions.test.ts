// MULTI/EXEC/DISCARD/WATCH/UNWATCH, compared with a real redis-server.

import { differentialSuite, valkey8 } from "../support/differential.js";

differentialSuite("transactions", (t) => {
  t.exact(["MULTI"]);
  t.exact(["SET", "k", "1"]);
  t.exact(["INCR", "k"]);
  t.exact(["GET", "k"]);
  t.exact(["EXEC"]);
  t.error(["EXEC"]);
  // Valkey 8 refuses MULTI and WATCH inside MULTI (NO_MULTI), and EXEC then aborts.
  t.exact(["MULTI"]);
  t.exact(["MULTI"], valkey8("-ERR Command not allowed inside a transaction"));
  t.exact(["EXEC"], valkey8("-EXECABORT Transaction discarded because of previous errors."));
  t.error(["DISCARD"]);
  t.exact(["MULTI"]);
  t.error(["SET", "k"]);
  t.error(["NOSUCH", "x"]);
  t.exact(["GET", "k"]);
  t.error(["EXEC"]);
  t.exact(["MULTI"]);
  t.exact(["SET", "k", "x"]);
  t.exact(["INCR", "k"]);
  t.exact(["EXEC"]);
  t.exact(["MULTI"]);
  t.exact(["SET", "k", "2"]);
  t.exact(["DISCARD"]);
  t.exact(["GET", "k"]);
  t.exact(["WATCH", "w"]);
  t.on("other").exact(["SET", "w", "changed"]);
  t.exact(["MULTI"]);
  t.exact(["SET", "w", "mine"]);
  t.exact(["EXEC"]);
  t.exact(["GET", "w"]);
  t.exact(["WATCH", "w"]);
  t.exact(["MULTI"]);
  t.exact(["WATCH", "w"], valkey8("-ERR Command not allowed inside a transaction"));
  t.exact(["SET", "w", "mine"]);
  t.exact(["EXEC"], valkey8("-EXECABORT Transaction discarded because of previous errors."));
  // A no-op SMOVE (the member already in the destination) does not touch the watched key.
  t.exact(["SADD", "src", "a"]);
  t.exact(["SADD", "dst", "a"]);
  t.exact(["WATCH", "dst"]);
  t.on("other").exact(["SMOVE", "src", "dst", "a"]);
  t.exact(["MULTI"]);
  t.exact(["SMEMBERS", "dst"]);
  t.exact(["EXEC"]);
  t.exact(["SMEMBERS", "src"]);
  t.exact(["WATCH", "dst"]);
  t.on("other").exact(["SMOVE", "missing", "dst", "a"]);
  t.on("other").exact(["SMOVE", "dst", "dst", "a"]);
  t.exact(["MULTI"]);
  t.exact(["SCARD", "dst"]);
  t.exact(["EXEC"]);
  t.exact(["WATCH", "w"]);
  t.exact(["UNWATCH"]);
  t.on("other").exact(["SET", "w", "again"]);
  t.exact(["MULTI"]);
  t.exact(["GET", "w"]);
  t.exact(["EXEC"]);
  t.exact(["MULTI"]);
  t.exact(["BLPOP", "nolist", "1"]);
  t.exact(["EXEC"]);
});
