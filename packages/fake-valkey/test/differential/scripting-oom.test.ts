// Scripts and maxmemory compared with a real redis-server: out of memory
// (maxmemory below what the server uses), deny-oom commands are refused, as
// are scripts and functions that declare flags without allow-oom or no-writes;
// a script without flags runs, and its first write is refused.

import { differentialSuite } from "../support/differential.js";

const LIBRARY = `#!lua name=oomlib
redis.register_function('plain', function(keys) return redis.call('set', keys[1], 'plain') end)
redis.register_function{function_name='roomy', callback=function(keys) return redis.call('set', keys[1], 'roomy') end, flags={'allow-oom'}}
redis.register_function{function_name='reader', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}
`;

differentialSuite("scripting: maxmemory", (t) => {
  t.exact(["FUNCTION", "FLUSH"]);
  t.exact(["SCRIPT", "FLUSH"]);
  t.exact(["FUNCTION", "LOAD", LIBRARY]);
  t.exact(["SET", "k", "before"]);
  t.exact(["SCRIPT", "LOAD", "return redis.call('set', 'k', 'sha')"]);
  t.exact(["CONFIG", "SET", "maxmemory", "1"]);
  t.exact(["SET", "k2", "v"]);
  t.exact(["GET", "k"]);
  t.exact(["INCR", "n"]);
  t.exact(["DEL", "k2"]);
  // Scripts without flags: reads run, the first write is refused.
  t.exact(["EVAL", "return redis.call('get', 'k')", "0"]);
  t.exact(["EVAL", "return redis.call('set', 'k', 'x')", "0"]);
  t.exact(["EVAL", "return redis.pcall('set', 'k', 'x')", "0"]);
  t.exact(["EVAL", "redis.call('del', 'nothing') return redis.pcall('set', 'k', 'x')", "0"]);
  t.exact(["EVALSHA", "8f35b0c5d53aea2f1f314d3acfaf38498d0d83be", "0"]);
  t.exact(["EVAL_RO", "return redis.call('get', 'k')", "0"]);
  // Scripts with flags: deny-oom unless allow-oom or no-writes.
  t.exact(["EVAL", "#!lua\nreturn 1", "0"]);
  t.exact(["EVAL", "#!lua flags=allow-oom\nreturn redis.call('set', 'k', 'allowed')", "0"]);
  t.exact(["EVAL", "#!lua flags=no-writes\nreturn redis.call('get', 'k')", "0"]);
  t.exact(["EVAL_RO", "#!lua flags=no-writes\nreturn redis.call('get', 'k')", "0"]);
  t.exact(["FCALL", "plain", "1", "k"]);
  t.exact(["FCALL", "roomy", "1", "k"]);
  t.exact(["FCALL", "reader", "1", "k"]);
  t.exact(["FCALL_RO", "reader", "1", "k"]);
  t.exact([
    "FUNCTION",
    "LOAD",
    "#!lua name=other\nredis.register_function('f', function() return 1 end)",
  ]);
  t.exact(["SCRIPT", "LOAD", "return 2"]);
  // In MULTI every queued command is refused, and EXEC aborts.
  t.exact(["MULTI"]);
  t.exact(["GET", "k"]);
  t.exact(["EXEC"]);
  t.exact(["CONFIG", "SET", "maxmemory", "0"]);
  t.exact(["EVAL", "return redis.call('set', 'k', 'after')", "0"]);
  t.exact(["GET", "k"]);
  t.exact(["FUNCTION", "FLUSH"]);
});
