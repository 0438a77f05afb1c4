// MULTI/EXEC/DISCARD/WATCH/UNWATCH, compared with a real redis-server.

import { differentialSuite } from "../support/differential.js";

differentialSuite("transactions", (t) => {
  t.exact(["MULTI"]);
  t.exact(["SET", "k", "1"]);
  t.exact(["INCR", "k"]);
  t.exact(["GET", "k"]);
  t.error(["MULTI"]);
  t.exact(["EXEC"]);
  t.error(["EXEC"]);
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
  t.error(["WATCH", "w"]);
  t.exact(["SET", "w", "mine"]);
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
