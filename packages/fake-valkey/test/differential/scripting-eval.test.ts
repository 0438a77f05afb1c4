// EVAL and friends compared with a real redis-server: the Lua environment,
// redis.call/pcall, errors and their texts, the sandbox, SCRIPT commands.

import { differentialSuite } from "../support/differential.js";

const evalScript = (body: string, keys: readonly string[] = [], args: readonly string[] = []) => [
  "EVAL",
  body,
  String(keys.length),
  ...keys,
  ...args,
];

differentialSuite("scripting: eval", (t) => {
  t.exact(["SCRIPT", "FLUSH"]);
  // Values and the Lua 5.1 number formatting.
  for (const body of [
    "return 1",
    "return -7",
    "return 3.99",
    "return -3.99",
    "return 0.5",
    "return 1e20",
    "return 'hello'",
    "return ''",
    "return tostring(10/2)",
    "return tostring(1/3)",
    "return tostring(1e15)",
    "return tostring(1e16)",
    "return tostring(-0.0)",
    "return tostring(2^53)",
    "return tostring(0/0) ~= nil",
    "return string.format('%d', 3.7)",
    "return string.format('%5.2f|%s|%q', 3.14159, 'x', 'a\\nb')",
    "return string.format('%x', 255)",
    "return tostring(math.huge)",
    "return math.floor(7.9)",
    "return tostring(math.floor(-7.5))",
    "return tostring(7 % 3) .. ',' .. tostring(-7 % 3)",
    "return tonumber('0x10')",
    "return tonumber('  12  ')",
    "return tostring(tonumber('1e2'))",
    "return tostring(tonumber('abc'))",
    "return #'hello'",
    "return string.rep('ab', 3)",
    "return string.sub('hello', 2, -2)",
    "return {string.byte('ABC', 1, 3)}",
    "return string.char(72, 105)",
    "return string.upper('abc') .. string.lower('DEF')",
    "return {string.find('hello world', 'o w')}",
    "return {string.match('key:123', '(%a+):(%d+)')}",
    "return (string.gsub('hello', 'l', 'L'))",
    "local t = {} for w in string.gmatch('a b c', '%a') do t[#t+1] = w end return t",
    "local t = {3,1,2} table.sort(t) return t",
    "local t = {3,1,2} table.sort(t, function(a,b) return a > b end) return t",
    "return table.concat({1, 2, 3}, '-')",
    "local t = {1,2} table.insert(t, 3) table.insert(t, 1, 0) return t",
    "local t = {1,2,3} table.remove(t, 1) return t",
    "return {unpack({1, 2, 3})}",
    "return select('#', 1, 2, 3)",
    "return type(nil) .. type(1) .. type('') .. type({}) .. type(print == nil)",
    "return _VERSION",
    "local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) return b * 2 end) local _, x = coroutine.resume(co, 1) local _, y = coroutine.resume(co, 10) return {x, y}",
    "return {pcall(function() error('inner') end)}",
    "return {pcall(function() error({err='tbl'}) end)}",
    "return {xpcall(function() error('x') end, function(e) return 'handled' end)}",
    "local ok, e = pcall(error) return tostring(e)",
    "return loadstring('return 1 + 1')()",
    "return {math.random(), math.random(100), math.random(5, 10)}",
    "math.randomseed(42) return math.random(1000)",
    "return tostring(math.random())",
    "return math.max(1, 5, 3) + math.min(4, 2)",
    "return math.abs(-4)",
    "return tostring(math.sqrt(2))",
    "return tostring(math.pi)",
    "local s = 0 for i = 1, 1000 do s = s + i end return s",
    "local t = setmetatable({}, {__index = function(t, k) return k .. '!' end}) return t.x",
    "return rawequal('a', 'a')",
    "return next({}) == nil",
    "return getmetatable('').__index == string",
    "return #KEYS + #ARGV",
  ]) {
    t.exact(evalScript(body));
  }
  // KEYS and ARGV.
  t.exact(evalScript("return {KEYS[1], KEYS[2], ARGV[1], ARGV[2]}", ["k1", "k2"], ["a1", "a2"]));
  t.exact(evalScript("return {#KEYS, #ARGV}", ["a"], ["b", "c", "d"]));
  t.exact(evalScript("return ARGV", [], ["x", "", "z"]));
  t.exact(evalScript("return KEYS[3]", ["a"]));
  t.error(["EVAL", "return 1", "2", "a"]);
  t.error(["EVAL", "return 1", "-1"]);
  t.error(["EVAL", "return 1", "x"]);
  t.error(["EVAL", "return 1"]);
  // redis.call and redis.pcall.
  t.exact(evalScript("return redis.call('SET', KEYS[1], ARGV[1])", ["s1"], ["v1"]));
  t.exact(evalScript("return redis.call('get', KEYS[1])", ["s1"]));
  t.exact(evalScript("return redis.call('get', 'missing')"));
  t.exact(evalScript("return redis.call('incr', 'counter')"));
  t.exact(evalScript("return redis.call('incrby', 'counter', 2.0)"));
  t.exact(evalScript("return redis.call('set', 'num', 3.5)"));
  t.exact(evalScript("return redis.call('get', 'num')"));
  t.exact(evalScript("return redis.call('set', 'num', 0.1)"));
  t.exact(evalScript("return redis.call('get', 'num')"));
  t.exact(evalScript("return redis.call('set', 'num', 1e20)"));
  t.exact(evalScript("return redis.call('get', 'num')"));
  t.exact(evalScript("return redis.call('rpush', 'list', 'a', 'b', 'c')"));
  t.exact(evalScript("return redis.call('lrange', 'list', 0, -1)"));
  t.exact(evalScript("return redis.call('hset', 'h', 'f', 'v')"));
  t.exact(evalScript("return redis.call('hgetall', 'h')"));
  t.exact(evalScript("return redis.call('ping')"));
  t.exact(evalScript("return redis.call('ping', 'x')"));
  t.exact(evalScript("return redis.call('exists', 'nope')"));
  t.exact(evalScript("return redis.call('type', 'list')"));
  t.exact(evalScript("return redis.call('type', 'list')['ok']"));
  t.exact(evalScript("return redis.pcall('incr', 'list')"));
  t.exact(evalScript("return redis.pcall('incr', 'list')['err']"));
  t.exact(evalScript("return type(redis.pcall('nosuchcommand'))"));
  t.exact(evalScript("return redis.pcall('nosuchcommand')"));
  t.exact(evalScript("return redis.pcall('get')"));
  t.exact(evalScript("return redis.pcall()"));
  t.exact(evalScript("return redis.pcall('get', {})"));
  t.exact(evalScript("local r = redis.pcall('incr', 'list') return r.err ~= nil"));
  t.exact(evalScript("return redis.call('get', 'missing') == false"));
  t.exact(evalScript("return redis.call('del', 'list', 'h', 's1')"));
  t.exact(
    evalScript("redis.call('set', 'x', '1') redis.call('incr', 'x') return redis.call('get', 'x')"),
  );
  t.exact(evalScript("return redis.call('mget', 'x', 'missing', 'x')"));
  t.exact(evalScript("return redis.call('blpop', 'empty', 0)"));
  t.exact(evalScript("return redis.pcall('eval', 'return 1', 0)"));
  t.exact(evalScript("return redis.pcall('multi')"));
  t.exact(evalScript("return redis.pcall('subscribe', 'c')"));
  // Errors and their texts.
  t.exact(["RPUSH", "list2", "a"]);
  t.error(evalScript("return redis.call('incr', 'list2')"));
  t.error(evalScript("return redis.call('nosuchcommand')"));
  t.error(evalScript("return redis.call('get')"));
  t.error(evalScript("return redis.call()"));
  t.error(evalScript("return redis.call('get', {})"));
  t.error(evalScript("return redis.call('get', nil)"));
  t.error(evalScript("return redis.call('eval', 'return 1', 0)"));
  t.error(evalScript("return redis.call('blpop', 'l', 0)"));
  t.error(evalScript("error('boom')"));
  t.error(evalScript("error('boom', 0)"));
  t.error(evalScript("error({err='MY custom'})"));
  t.error(evalScript("error({err='-MY custom'})"));
  // error({}) (a table without err) crashes redis-server 7.0: not compared.
  t.error(evalScript("error(42)"));
  t.error(evalScript("error()"));
  t.error(evalScript("\n\nerror('line three')"));
  t.error(evalScript("local function f() error('deep') end\nf()"));
  t.error(evalScript("return 1 + {}"));
  t.error(evalScript("return nil .. 'x'"));
  t.error(evalScript("return undefinedvariable"));
  t.error(evalScript("local x = nil; return x.y"));
  t.error(evalScript("return redis.error_reply('MY error')"));
  t.error(evalScript("return redis.error_reply('plain message')"));
  t.error(evalScript("return redis.error_reply('-CODE with dash')"));
  t.error(evalScript("return {err='raw error'}"));
  t.error(evalScript("return {err='-dash error'}"));
  t.error(evalScript("return {err='multi\\nline'}"));
  t.error(evalScript("return redis.error_reply(1)"));
  t.exact(evalScript("return redis.status_reply('FINE')"));
  t.exact(evalScript("return {ok='status'}"));
  t.exact(evalScript("return {ok='two\\nlines'}"));
  t.error(evalScript("return redis.status_reply()"));
  // Compile errors.
  t.error(evalScript("retur"));
  t.error(evalScript("return 'unclosed"));
  t.error(evalScript("local = 1"));
  t.error(evalScript("if true then"));
  t.error(evalScript("return 1 +"));
  // The sandbox.
  t.error(evalScript("x = 1"));
  t.error(evalScript("return os"));
  t.error(evalScript("return io"));
  t.error(evalScript("return print"));
  t.error(evalScript("return loadfile"));
  t.error(evalScript("return dofile"));
  t.error(evalScript("return require"));
  t.error(evalScript("return setfenv"));
  t.error(evalScript("return debug"));
  t.error(evalScript("redis = nil"));
  t.error(evalScript("string.foo = 1"));
  t.error(evalScript("cjson.encode = nil"));
  t.error(evalScript("redis.call = function() end"));
  t.error(evalScript("rawset(_G, 'y', 1)"));
  t.error(evalScript("setmetatable(_G, nil)"));
  t.error(evalScript("_G.z = 1"));
  t.exact(evalScript("local t = {} t.x = 1 return t.x"));
  t.exact(
    evalScript(
      "local keys = {} for k in pairs(_G) do keys[#keys+1] = k end table.sort(keys) return keys",
    ),
  );
  t.exact(
    evalScript(
      "local keys = {} for k in pairs(redis) do keys[#keys+1] = k end table.sort(keys) return keys",
    ),
  );
  t.exact(
    evalScript(
      "local keys = {} for k in pairs(string) do keys[#keys+1] = k end table.sort(keys) return keys",
    ),
  );
  t.exact(
    evalScript(
      "local keys = {} for k in pairs(math) do keys[#keys+1] = k end table.sort(keys) return keys",
    ),
  );
  t.exact(
    evalScript(
      "local keys = {} for k in pairs(table) do keys[#keys+1] = k end table.sort(keys) return keys",
    ),
  );
  // The redis table.
  t.exact(evalScript("return redis.sha1hex('')"));
  t.exact(evalScript("return redis.sha1hex('hello world')"));
  t.error(evalScript("return redis.sha1hex()"));
  t.exact(
    evalScript("return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}"),
  );
  t.exact(
    evalScript(
      "return {redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL}",
    ),
  );
  t.exact(evalScript("redis.log(redis.LOG_WARNING, 'from a script') return 1"));
  t.error(evalScript("redis.log(redis.LOG_WARNING)"));
  t.error(evalScript("redis.log(99, 'x')"));
  t.error(evalScript("redis.log('x', 'y')"));
  t.exact(evalScript("redis.set_repl(redis.REPL_ALL) return 1"));
  t.error(evalScript("redis.set_repl(99)"));
  t.error(evalScript("redis.set_repl()"));
  t.exact(evalScript("return redis.replicate_commands()"));
  t.error(evalScript("redis.setresp(4)"));
  t.error(evalScript("redis.setresp()"));
  t.exact(evalScript("return redis.acl_check_cmd('get', 'x')"));
  t.error(evalScript("return redis.acl_check_cmd('nosuch')"));
  t.exact(evalScript("return type(redis.REDIS_VERSION) .. type(redis.REDIS_VERSION_NUM)"));
  // Libraries.
  t.exact(evalScript("return cjson.encode({1, 2, 3})"));
  t.exact(evalScript("return cjson.encode({a = 1})"));
  t.exact(evalScript("return cjson.encode('str\\n')"));
  t.exact(evalScript("return cjson.encode({})"));
  t.exact(evalScript("return cjson.encode(3.5)"));
  t.exact(evalScript("return cjson.encode(1e300)"));
  t.exact(evalScript("return cjson.decode('[1,2,3]')"));
  t.exact(evalScript('return cjson.decode(\'{"a":{"b":[1,"x"]}}\').a.b'));
  t.exact(evalScript("return tostring(cjson.decode('null') == cjson.null)"));
  t.exact(evalScript("return tostring(cjson.decode('1.5'))"));
  t.error(evalScript("return cjson.decode('{bad')"));
  t.exact(
    evalScript(
      "return cmsgpack.pack(1, 'a', {1, 2}, {x = 1}, true, false, 3.5, -1, 300, -300, 70000)",
    ),
  );
  t.exact(
    evalScript("return cmsgpack.pack(0.1, 1e20, -2^40, string.rep('x', 40), string.rep('y', 300))"),
  );
  t.exact(evalScript("return {cmsgpack.unpack(cmsgpack.pack(1, 'two', {3, 4}))}"));
  t.exact(evalScript("local t = cmsgpack.unpack(cmsgpack.pack({a = 'b'})) return t.a"));
  t.exact(evalScript("return {cmsgpack.unpack_one(cmsgpack.pack(1, 2, 3))}"));
  t.exact(evalScript("return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2)}"));
  t.exact(evalScript("return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 1)}"));
  t.exact(evalScript("return bit.band(0xff, 0x0f)"));
  t.exact(evalScript("return {bit.bor(1, 2, 4), bit.bxor(5, 3), bit.bnot(0)}"));
  t.exact(evalScript("return {bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-256, 4)}"));
  t.exact(
    evalScript("return {bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.bswap(0x12345678)}"),
  );
  t.exact(evalScript("return {bit.tohex(255), bit.tohex(-1, -4), bit.tohex(0x1234, 2)}"));
  t.exact(evalScript("return {bit.tobit(2^32 + 5), bit.tobit(-1), bit.tobit(0xffffffff)}"));
  t.exact(evalScript("return struct.pack('>I2', 258)"));
  t.exact(evalScript("return struct.pack('<i4d', -2, 1.5)"));
  t.exact(evalScript("return {struct.unpack('>I2', struct.pack('>I2', 258))}"));
  t.exact(evalScript("return {struct.unpack('bBhH', struct.pack('bBhH', -1, 255, -2, 65535))}"));
  t.exact(evalScript("return struct.size('>I4i2d')"));
  t.exact(evalScript("return {struct.unpack('s', struct.pack('s', 'abc'))}"));
  t.exact(evalScript("return {struct.unpack('c3', 'abcdef')}"));
  // Shebang flags.
  t.error(evalScript("#!lua flags=no-writes\nreturn redis.call('set', 'x', '1')"));
  t.exact(evalScript("#!lua flags=no-writes,allow-oom\nreturn 2"));
  t.error(evalScript("#!js\nreturn 1"));
  t.error(evalScript("#!lua flags=bogus\nreturn 1"));
  t.error(evalScript("#!lua foo=bar\nreturn 1"));
  t.error(evalScript("#!lua\nreturn error('x')"));
  t.exact(evalScript("#!lua flags=no-cluster\nreturn 3"));
  t.error(["EVAL_RO", "#!lua\nreturn 1", "0"]);
  t.exact(["EVAL_RO", "#!lua flags=no-writes\nreturn 1", "0"]);
  // Read-only variants.
  t.exact(["EVAL_RO", "return redis.call('get', KEYS[1])", "1", "x"]);
  t.error(["EVAL_RO", "return redis.call('set', KEYS[1], 'v')", "1", "x"]);
  t.exact(["EVAL_RO", "return redis.pcall('del', KEYS[1])", "1", "x"]);
  // pcall runs its function in a coroutine of its own (so the busy hook can
  // pause it): its results, errors and limits are still lua_pcall's.
  for (const body of [
    "return {pcall(function(a, b) return a + b, 'two', nil, 4 end, 1, 2)}",
    "return {pcall(nil)}",
    "return {pcall(pcall, error, 'deep')}",
    "return {pcall(function() return pcall(function() error('in', 0) end) end)}",
    "return {pcall(function() error('lvl2', 2) end)}",
    "return {pcall(function() coroutine.yield(1) end)}",
    "return {coroutine.resume(coroutine.create(function() return pcall(coroutine.yield, 5) end))}",
    "return {pcall(redis.call, 'incr', 'list')}",
    "return {pcall(string.rep)}",
    "local n = 0 local function f() n = n + 1 return pcall(f) end f() return n > 100",
    "local t = setmetatable({}, {__index = function(_, k) return k .. '!' end}) return {pcall(function() return t.x end)}",
    "local ok, e = pcall(function() local x = nil; return x.y end) return e",
    "return select('#', pcall(function() end))",
  ]) {
    t.exact(evalScript(body));
  }
  t.exact(evalScript("return {pcall()}"));
  t.error(evalScript("\nlocal ok = pcall(function() end)\nerror('after')"));
  // EVALSHA and SCRIPT.
  t.exact(["SCRIPT", "LOAD", "return 'loaded'"]);
  t.exact(["EVALSHA", "1e4e0b2e1a3a5f7cce2c1b1d2aa3a2d9ab6b7c11", "0"]);
  t.error(["EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"]);
  t.error(["EVALSHA", "short", "0"]);
  t.exact(["SCRIPT", "EXISTS", "ffffffffffffffffffffffffffffffffffffffff"]);
  t.exact(evalScript("return 'cached'"));
  t.exact(["EVALSHA", "a2a2d1f29d7a1c4dbff3e4a3a2a7b66b3dcd2d3f", "0"]);
  t.error(["SCRIPT", "LOAD", "retur"]);
  t.error(["SCRIPT", "LOAD"]);
  t.error(["SCRIPT", "FLUSH", "BOGUS"]);
  t.exact(["SCRIPT", "FLUSH", "ASYNC"]);
  t.exact(["SCRIPT", "FLUSH", "SYNC"]);
  t.error(["SCRIPT", "KILL"]);
  t.error(["SCRIPT", "NOPE"]);
  t.exact(["EVALSHA_RO", "ffffffffffffffffffffffffffffffffffffffff", "0"], {
    normalize: (frame) => frame,
  });
});
