// The conversion table of scripting in both directions, compared with a real
// redis-server on RESP2 and RESP3: Lua values to replies (numbers truncated,
// arrays up to the first nil, ok/err tables, booleans, RESP3 types after
// redis.setresp(3)) and replies to Lua values (as the script sees them).

import { differentialSuite } from "../support/differential.js";

const evalScript = (body: string) => ["EVAL", body, "0"];

differentialSuite("scripting: conversions", (t) => {
  t.run(["SET", "str", "value"]);
  t.run(["RPUSH", "list", "a", "b"]);
  t.run(["HSET", "hash", "f1", "v1", "f2", "v2"]);
  t.run(["SADD", "set", "m1"]);
  t.run(["ZADD", "zset", "1.5", "m1", "2", "m2"]);
  // Lua to reply.
  for (const value of [
    "1",
    "0",
    "-1",
    "1.9",
    "-1.9",
    "2^53",
    "-2^63",
    "2^63",
    "0/0",
    "1/0",
    "-1/0",
    "'text'",
    "''",
    "true",
    "false",
    "nil",
    "{}",
    "{1, 2, 3}",
    "{1, nil, 3}",
    "{nil, 1}",
    "{1, {2, {3, {4}}}}",
    "{1, 'two', 3.5, true, false}",
    "{a = 1, b = 2}",
    "{1, 2, a = 'ignored'}",
    "{ok = 'FINE'}",
    "{ok = 'FINE', err = 'wins'}",
    "{err = 'E1 first'}",
    "{ok = 5}",
    "{err = 5}",
    "{{ok = 'nested'}, {err = 'nested error'}}",
    "{double = 3.5}",
    "{double = '3.5'}",
    "{big_number = '123456789012345678901234567890'}",
    "{map = {a = 1}}",
    "{set = {a = true}}",
    "{verbatim_string = {format = 'txt', string = 'hello'}}",
    "{{double = 1.25}, {map = {k = {1, 2}}}}",
    "function() end",
    "coroutine.create(function() end)",
  ]) {
    t.exact(evalScript(`return ${value}`));
    t.exact(evalScript(`redis.setresp(3) return ${value}`));
  }
  // Reply to Lua, as the script sees it, on RESP2 and RESP3 inside the script.
  for (const command of [
    "'get', 'str'",
    "'get', 'missing'",
    "'incr', 'counter'",
    "'lrange', 'list', 0, -1",
    "'lrange', 'missing', 0, -1",
    "'hgetall', 'hash'",
    "'smembers', 'set'",
    "'zrange', 'zset', 0, -1, 'withscores'",
    "'zscore', 'zset', 'm1'",
    "'zscore', 'zset', 'nope'",
    "'type', 'str'",
    "'set', 'k', 'v'",
    "'hget', 'hash', 'nope'",
    "'exists', 'str'",
    "'lpop', 'missing'",
    "'zincrby', 'zset', 1, 'm3'",
    "'hrandfield', 'missing', 2",
    "'config', 'get', 'maxmemory'",
  ]) {
    for (const resp of [2, 3]) {
      const set = `redis.setresp(${resp}) `;
      t.exact(evalScript(`${set}local r = redis.call(${command}) return type(r)`));
      t.exact(evalScript(`${set}return redis.call(${command})`), {
        normalize: (frame) => frame,
      });
      t.exact(
        evalScript(
          `${set}local r = redis.call(${command}) if type(r) ~= 'table' then return tostring(r) end local out = {} for k, v in pairs(r) do out[#out+1] = tostring(k) .. '=' .. type(v) end table.sort(out) return out`,
        ),
      );
    }
  }
  t.exact(evalScript("redis.setresp(3) return redis.call('hgetall', 'hash').map.f1"));
  t.exact(evalScript("redis.setresp(3) return tostring(redis.call('smembers', 'set').set.m1)"));
  t.exact(evalScript("redis.setresp(3) return redis.call('zscore', 'zset', 'm1').double"));
  t.exact(evalScript("redis.setresp(3) return tostring(redis.call('get', 'missing'))"));
  t.exact(evalScript("return tostring(redis.call('get', 'missing'))"));
  t.exact(evalScript("return redis.call('type', 'hash').ok"));
  t.exact(evalScript("return redis.pcall('incr', 'str').err"));
  t.exact(evalScript("return redis.pcall('incr', 'str')"), { normalize: (frame) => frame });
});
