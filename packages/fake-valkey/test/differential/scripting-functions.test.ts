// FUNCTION and FCALL compared with a real redis-server: libraries with
// several functions, flags, registration errors, listing, deletion, flushing,
// dump and restore, and errors raised inside functions.

import { expect } from "vitest";
import { differentialSuite } from "../support/differential.js";
import type { WireFrame } from "../support/wire-reader.js";

const ACCOUNTS = `#!lua name=accounts
local function balance(keys)
  return tonumber(redis.call('get', keys[1]) or '0')
end
local function deposit(keys, args)
  return redis.call('incrby', keys[1], args[1])
end
local function transfer(keys, args)
  local amount = tonumber(args[1])
  if balance({keys[1]}) < amount then
    return redis.error_reply('INSUFFICIENT funds')
  end
  redis.call('decrby', keys[1], amount)
  redis.call('incrby', keys[2], amount)
  return {balance({keys[1]}), balance({keys[2]})}
end
redis.register_function('deposit', deposit)
redis.register_function('transfer', transfer)
redis.register_function{function_name='balance', callback=balance, flags={'no-writes'}, description='reads a balance'}
redis.register_function{function_name='fails', callback=function() error('inside a function') end}
redis.register_function{function_name='badwrite', callback=function(keys) return redis.call('set', keys[1], 'x') end, flags={'no-writes'}}
redis.register_function{function_name='resp3', callback=function() redis.setresp(3) return redis.call('hgetall', 'h') end}
`;

const SECOND = `#!lua name=second
redis.register_function('echo_args', function(keys, args) return {keys, args} end)
redis.register_function('count_keys', function(keys) return #keys end)
`;

const lib = (name: string, body: string) => `#!lua name=${name}\n${body}`;

/** FUNCTION LIST orders libraries and functions by hash table: compare their contents only. */
function sortLists(frame: WireFrame): WireFrame {
  if (Array.isArray(frame)) {
    const items = frame.map(sortLists);
    return items.every((item) => typeof item === "object" && item !== null)
      ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      : items;
  }
  if (frame !== null && typeof frame === "object" && "map" in frame)
    return {
      map: frame.map.map(([k, v]) => [sortLists(k), sortLists(v)] as [WireFrame, WireFrame]),
    };
  return frame;
}

differentialSuite("scripting: functions", (t) => {
  t.exact(["FUNCTION", "FLUSH"]);
  t.exact(["FUNCTION", "LOAD", ACCOUNTS]);
  t.exact(["FUNCTION", "LOAD", SECOND]);
  t.error(["FUNCTION", "LOAD", ACCOUNTS]);
  t.exact(["FUNCTION", "LOAD", "REPLACE", SECOND]);
  t.exact(["FCALL", "deposit", "1", "acct:a", "100"]);
  t.exact(["FCALL", "deposit", "1", "acct:b", "5"]);
  t.exact(["FCALL", "transfer", "2", "acct:a", "acct:b", "30"]);
  t.error(["FCALL", "transfer", "2", "acct:a", "acct:b", "1000"]);
  t.exact(["FCALL", "balance", "1", "acct:a"]);
  t.exact(["FCALL_RO", "balance", "1", "acct:b"]);
  t.error(["FCALL_RO", "deposit", "1", "acct:a", "1"]);
  t.error(["FCALL", "fails", "0"]);
  t.error(["FCALL", "badwrite", "1", "k"]);
  t.run(["HSET", "h", "a", "1"]);
  t.exact(["FCALL", "resp3", "0"]);
  t.exact(["FCALL", "echo_args", "2", "k1", "k2", "a1"]);
  t.exact(["FCALL", "count_keys", "3", "a", "b", "c"]);
  t.error(["FCALL", "nosuch", "0"]);
  t.error(["FCALL", "deposit", "2", "a"]);
  t.error(["FCALL", "deposit", "-1"]);
  t.error(["FCALL", "deposit"]);
  t.exact(["FUNCTION", "LIST"], { normalize: sortLists });
  t.exact(["FUNCTION", "LIST", "WITHCODE"], { normalize: sortLists });
  t.exact(["FUNCTION", "LIST", "LIBRARYNAME", "sec*"], { normalize: sortLists });
  t.exact(["FUNCTION", "LIST", "LIBRARYNAME", "nomatch"]);
  t.error(["FUNCTION", "LIST", "LIBRARYNAME"]);
  t.error(["FUNCTION", "LIST", "BOGUS"]);
  t.error(["FUNCTION", "LIST", "WITHCODE", "WITHCODE"]);
  t.exact(["FUNCTION", "STATS"]);
  // The server compresses long library code (LZF) in its payload, the fake does not: both are RDB payloads.
  t.check(["FUNCTION", "DUMP"], (fake, real) => {
    expect(typeof fake === "string" && fake.startsWith("$\u00f5")).toBe(true);
    expect(typeof real === "string" && real.startsWith("$\u00f5")).toBe(true);
  });
  // Registration errors.
  t.error(["FUNCTION", "LOAD", "no metadata"]);
  t.error(["FUNCTION", "LOAD", "#!lua\nreturn 1"]);
  t.error(["FUNCTION", "LOAD", "#!js name=x\nreturn 1"]);
  t.error(["FUNCTION", "LOAD", "#!lua name=x foo=bar\nreturn 1"]);
  t.error(["FUNCTION", "LOAD", "#!lua name=bad-name\nreturn 1"]);
  t.error(["FUNCTION", "LOAD", lib("empty", "return 1")]);
  t.error(["FUNCTION", "LOAD", lib("syntax", "redis.register_function('f', function() end")]);
  t.error(["FUNCTION", "LOAD", lib("runtime", "error('at load')")]);
  t.error(["FUNCTION", "LOAD", lib("callsredis", "redis.call('ping')")]);
  t.error([
    "FUNCTION",
    "LOAD",
    lib("dup", "redis.register_function('deposit', function() return 1 end)"),
  ]);
  t.error([
    "FUNCTION",
    "LOAD",
    lib(
      "twice",
      "redis.register_function('t1', function() end)\nredis.register_function('t1', function() end)",
    ),
  ]);
  t.error([
    "FUNCTION",
    "LOAD",
    lib("badname", "redis.register_function('bad-name', function() end)"),
  ]);
  t.error(["FUNCTION", "LOAD", lib("notfn", "redis.register_function('f', 1)")]);
  t.exact(["FUNCTION", "LOAD", lib("notstr", "redis.register_function(1, function() end)")]);
  t.exact(["FCALL", "1", "0"]);
  t.error(["FUNCTION", "LOAD", lib("noargs", "redis.register_function()")]);
  t.error([
    "FUNCTION",
    "LOAD",
    lib(
      "badflag",
      "redis.register_function{function_name='f', callback=function() end, flags={'bogus'}}",
    ),
  ]);
  t.error([
    "FUNCTION",
    "LOAD",
    lib("badkey", "redis.register_function{function_name='f', callback=function() end, other=1}"),
  ]);
  t.error(["FUNCTION", "LOAD", lib("global", "x = 1")]);
  t.exact([
    "FUNCTION",
    "LOAD",
    lib(
      "logger",
      "redis.log(redis.LOG_NOTICE, 'loading')\nredis.register_function('lf', function() return redis.REDIS_VERSION ~= nil end)",
    ),
  ]);
  t.exact(["FCALL", "lf", "0"]);
  t.error(["FUNCTION", "LOAD", "BOGUS", lib("x", "return 1")]);
  t.error(["FUNCTION", "LOAD"]);
  // Deletion, flush, dump and restore.
  t.exact(["FUNCTION", "DELETE", "logger"]);
  t.error(["FUNCTION", "DELETE", "logger"]);
  t.error(["FCALL", "lf", "0"]);
  t.error(["FUNCTION", "RESTORE", "garbage"]);
  t.error(["FUNCTION", "RESTORE", "garbage", "BOGUS"]);
  t.error(["FUNCTION", "FLUSH", "BOGUS"]);
  t.exact(["FUNCTION", "FLUSH", "ASYNC"]);
  t.exact(["FUNCTION", "LIST"]);
  t.exact(["FUNCTION", "STATS"]);
  t.error(["FCALL", "deposit", "1", "a", "1"]);
  t.error(["FUNCTION", "KILL"]);
  t.error(["FUNCTION", "NOPE"]);
  t.exact(["FUNCTION", "LOAD", SECOND]);
  t.exact(["SCRIPT", "FLUSH"]);
  t.exact(["FCALL", "count_keys", "1", "still-there"]);
});
