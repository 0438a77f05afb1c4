// Examples for the doc comments of the most used client methods. Each is the body
// of an async function given a connected `client` on an empty database; every
// `console.log(…); // value` line states what it prints (util.inspect, one line).
// Keys a multi-key command needs in one slot share a hash tag ({k}), so that the
// examples hold on a cluster too.
// packages/client/test/method-examples.test.ts runs them all against the fake.
export const methodExamples = {
  // strings
  get: [
    'await client.set("greeting", "hello");',
    "console.log(await client.get(\"greeting\")); // 'hello'",
    'console.log(await client.get("missing")); // null',
  ],
  set: [
    'console.log(await client.set("user:1:name", "Ada")); // \'OK\'',
    'console.log(await client.set("user:1:name", "Grace", { conditionalSet: "onlyIfDoesNotExist" })); // null',
    'console.log(await client.set("user:1:name", "Grace", { returnOldValue: true })); // \'Ada\'',
  ],
  mget: [
    'await client.mset({ a: "1", b: "2" });',
    'console.log(await client.mget(["a", "b", "c"])); // [ \'1\', \'2\', null ]',
  ],
  mset: [
    'console.log(await client.mset({ a: "1", b: "2" })); // \'OK\'',
    "console.log(await client.get(\"b\")); // '2'",
  ],
  msetnx: [
    'console.log(await client.msetnx({ "{u}a": "1", "{u}b": "2" })); // true',
    'console.log(await client.msetnx({ "{u}b": "3", "{u}c": "4" })); // false',
  ],
  incr: [
    'console.log(await client.incr("visits")); // 1',
    'console.log(await client.incr("visits")); // 2',
  ],
  incrBy: [
    'await client.set("stock", "10");',
    'console.log(await client.incrBy("stock", 5)); // 15',
  ],
  incrByFloat: [
    'await client.set("price", "10.5");',
    'console.log(await client.incrByFloat("price", 0.25)); // 10.75',
  ],
  decr: ['await client.set("stock", "10");', 'console.log(await client.decr("stock")); // 9'],
  decrBy: [
    'await client.set("stock", "10");',
    'console.log(await client.decrBy("stock", 4)); // 6',
  ],
  append: [
    'await client.set("log", "a");',
    'console.log(await client.append("log", "bc")); // 3',
    "console.log(await client.get(\"log\")); // 'abc'",
  ],
  strlen: ['await client.set("word", "petrel");', 'console.log(await client.strlen("word")); // 6'],
  getdel: [
    'await client.set("token", "t1");',
    "console.log(await client.getdel(\"token\")); // 't1'",
    'console.log(await client.get("token")); // null',
  ],
  getrange: [
    'await client.set("word", "petrel");',
    "console.log(await client.getrange(\"word\", 0, 2)); // 'pet'",
  ],
  setrange: [
    'await client.set("word", "hello world");',
    'console.log(await client.setrange("word", 6, "there")); // 11',
    "console.log(await client.get(\"word\")); // 'hello there'",
  ],
  // keys
  del: [
    'await client.mset({ a: "1", b: "2" });',
    'console.log(await client.del(["a", "b", "c"])); // 2',
  ],
  unlink: [
    'await client.mset({ a: "1", b: "2" });',
    'console.log(await client.unlink(["a", "b"])); // 2',
  ],
  exists: ['await client.set("a", "1");', 'console.log(await client.exists(["a", "b"])); // 1'],
  expire: [
    'await client.set("session", "s");',
    'console.log(await client.expire("session", 60)); // true',
    'console.log(await client.expire("missing", 60)); // false',
  ],
  pexpire: [
    'await client.set("session", "s");',
    'console.log(await client.pexpire("session", 60000)); // true',
  ],
  ttl: [
    'await client.set("session", "s");',
    'await client.expire("session", 60);',
    'console.log(await client.ttl("session")); // 60',
    'console.log(await client.ttl("missing")); // -2',
  ],
  pttl: ['await client.set("session", "s");', 'console.log(await client.pttl("session")); // -1'],
  persist: [
    'await client.set("session", "s");',
    'await client.expire("session", 60);',
    'console.log(await client.persist("session")); // true',
    'console.log(await client.ttl("session")); // -1',
  ],
  type: [
    'await client.lpush("queue", ["job"]);',
    "console.log(await client.type(\"queue\")); // 'list'",
  ],
  rename: [
    'await client.set("{k}old", "v");',
    'console.log(await client.rename("{k}old", "{k}new")); // \'OK\'',
    "console.log(await client.get(\"{k}new\")); // 'v'",
  ],
  renamenx: [
    'await client.mset({ "{k}a": "1", "{k}b": "2" });',
    'console.log(await client.renamenx("{k}a", "{k}b")); // false',
  ],
  touch: [
    'await client.mset({ a: "1", b: "2" });',
    'console.log(await client.touch(["a", "b", "c"])); // 2',
  ],
  copy: [
    'await client.set("{k}a", "1");',
    'console.log(await client.copy("{k}a", "{k}b")); // true',
    "console.log(await client.get(\"{k}b\")); // '1'",
  ],
  dbsize: ['await client.mset({ a: "1", b: "2" });', "console.log(await client.dbsize()); // 2"],
  // hashes
  hset: ['console.log(await client.hset("user:1", { name: "Ada", born: "1815" })); // 2'],
  hget: [
    'await client.hset("user:1", { name: "Ada" });',
    'console.log(await client.hget("user:1", "name")); // \'Ada\'',
    'console.log(await client.hget("user:1", "email")); // null',
  ],
  hgetall: [
    'await client.hset("user:1", { name: "Ada" });',
    "console.log(await client.hgetall(\"user:1\")); // [ { field: 'name', value: 'Ada' } ]",
  ],
  hmget: [
    'await client.hset("user:1", { name: "Ada" });',
    'console.log(await client.hmget("user:1", ["name", "email"])); // [ \'Ada\', null ]',
  ],
  hdel: [
    'await client.hset("user:1", { name: "Ada", born: "1815" });',
    'console.log(await client.hdel("user:1", ["born", "email"])); // 1',
  ],
  hexists: [
    'await client.hset("user:1", { name: "Ada" });',
    'console.log(await client.hexists("user:1", "name")); // true',
  ],
  hincrBy: [
    'await client.hset("user:1", { logins: "1" });',
    'console.log(await client.hincrBy("user:1", "logins", 2)); // 3',
  ],
  hincrByFloat: [
    'await client.hset("item", { price: "1.5" });',
    'console.log(await client.hincrByFloat("item", "price", 0.25)); // 1.75',
  ],
  hkeys: [
    'await client.hset("user:1", { name: "Ada" });',
    "console.log(await client.hkeys(\"user:1\")); // [ 'name' ]",
  ],
  hvals: [
    'await client.hset("user:1", { name: "Ada" });',
    "console.log(await client.hvals(\"user:1\")); // [ 'Ada' ]",
  ],
  hlen: [
    'await client.hset("user:1", { name: "Ada", born: "1815" });',
    'console.log(await client.hlen("user:1")); // 2',
  ],
  hsetnx: [
    'console.log(await client.hsetnx("user:1", "name", "Ada")); // true',
    'console.log(await client.hsetnx("user:1", "name", "Grace")); // false',
  ],
  // lists
  lpush: [
    'console.log(await client.lpush("queue", ["a", "b"])); // 2',
    "console.log(await client.lrange(\"queue\", 0, -1)); // [ 'b', 'a' ]",
  ],
  rpush: [
    'console.log(await client.rpush("queue", ["a", "b"])); // 2',
    "console.log(await client.lrange(\"queue\", 0, -1)); // [ 'a', 'b' ]",
  ],
  lpop: [
    'await client.rpush("queue", ["a", "b"]);',
    "console.log(await client.lpop(\"queue\")); // 'a'",
  ],
  rpop: [
    'await client.rpush("queue", ["a", "b"]);',
    "console.log(await client.rpop(\"queue\")); // 'b'",
  ],
  lrange: [
    'await client.rpush("queue", ["a", "b", "c"]);',
    "console.log(await client.lrange(\"queue\", 1, -1)); // [ 'b', 'c' ]",
  ],
  llen: [
    'await client.rpush("queue", ["a", "b"]);',
    'console.log(await client.llen("queue")); // 2',
  ],
  lindex: [
    'await client.rpush("queue", ["a", "b"]);',
    "console.log(await client.lindex(\"queue\", -1)); // 'b'",
  ],
  lrem: [
    'await client.rpush("queue", ["a", "b", "a"]);',
    'console.log(await client.lrem("queue", 0, "a")); // 2',
  ],
  ltrim: [
    'await client.rpush("queue", ["a", "b", "c"]);',
    "console.log(await client.ltrim(\"queue\", 0, 1)); // 'OK'",
    "console.log(await client.lrange(\"queue\", 0, -1)); // [ 'a', 'b' ]",
  ],
  lset: [
    'await client.rpush("queue", ["a", "b"]);',
    'console.log(await client.lset("queue", 0, "z")); // \'OK\'',
  ],
  lpos: [
    'await client.rpush("queue", ["a", "b", "c"]);',
    'console.log(await client.lpos("queue", "c")); // 2',
  ],
  // sets
  sadd: ['console.log(await client.sadd("tags", ["a", "b", "a"])); // 2'],
  srem: [
    'await client.sadd("tags", ["a", "b"]);',
    'console.log(await client.srem("tags", ["a", "z"])); // 1',
  ],
  smembers: [
    'await client.sadd("tags", ["a"]);',
    "console.log(await client.smembers(\"tags\")); // Set(1) { 'a' }",
  ],
  sismember: [
    'await client.sadd("tags", ["a"]);',
    'console.log(await client.sismember("tags", "a")); // true',
  ],
  scard: [
    'await client.sadd("tags", ["a", "b"]);',
    'console.log(await client.scard("tags")); // 2',
  ],
  sinter: [
    'await client.sadd("{t}1", ["a", "b"]);',
    'await client.sadd("{t}2", ["b", "c"]);',
    'console.log(await client.sinter(["{t}1", "{t}2"])); // Set(1) { \'b\' }',
  ],
  sunion: [
    'await client.sadd("{t}1", ["a"]);',
    'await client.sadd("{t}2", ["a"]);',
    'console.log(await client.sunion(["{t}1", "{t}2"])); // Set(1) { \'a\' }',
  ],
  sdiff: [
    'await client.sadd("{t}1", ["a", "b"]);',
    'await client.sadd("{t}2", ["b"]);',
    'console.log(await client.sdiff(["{t}1", "{t}2"])); // Set(1) { \'a\' }',
  ],
  // sorted sets
  zadd: ['console.log(await client.zadd("scores", { ada: 10, grace: 20 })); // 2'],
  zrange: [
    'await client.zadd("scores", { ada: 10, grace: 20 });',
    "console.log(await client.zrange(\"scores\", { start: 0, end: -1 })); // [ 'ada', 'grace' ]",
  ],
  zrangeWithScores: [
    'await client.zadd("scores", { ada: 10 });',
    "console.log(await client.zrangeWithScores(\"scores\", { start: 0, end: -1 })); // [ { element: 'ada', score: 10 } ]",
  ],
  zscore: [
    'await client.zadd("scores", { ada: 10 });',
    'console.log(await client.zscore("scores", "ada")); // 10',
  ],
  zrem: [
    'await client.zadd("scores", { ada: 10, grace: 20 });',
    'console.log(await client.zrem("scores", ["ada"])); // 1',
  ],
  zcard: [
    'await client.zadd("scores", { ada: 10, grace: 20 });',
    'console.log(await client.zcard("scores")); // 2',
  ],
  zincrby: [
    'await client.zadd("scores", { ada: 10 });',
    'console.log(await client.zincrby("scores", 5, "ada")); // 15',
  ],
  zrank: [
    'await client.zadd("scores", { ada: 10, grace: 20 });',
    'console.log(await client.zrank("scores", "grace")); // 1',
  ],
  zcount: [
    'await client.zadd("scores", { ada: 10, grace: 20 });',
    'console.log(await client.zcount("scores", { value: 15 }, { value: 25 })); // 1',
  ],
  lpushx: [
    'console.log(await client.lpushx("queue", ["a"])); // 0',
    'await client.rpush("queue", ["a"]);',
    'console.log(await client.lpushx("queue", ["b"])); // 2',
  ],
  smove: [
    'await client.sadd("{t}todo", ["task"]);',
    'console.log(await client.smove("{t}todo", "{t}done", "task")); // true',
  ],
  zrevrank: [
    'await client.zadd("scores", { ada: 10, grace: 20 });',
    'console.log(await client.zrevrank("scores", "grace")); // 0',
  ],
  hstrlen: [
    'await client.hset("user:1", { name: "Ada" });',
    'console.log(await client.hstrlen("user:1", "name")); // 3',
  ],
  // HyperLogLog, bitmaps
  pfadd: ['console.log(await client.pfadd("visitors", ["ada", "grace"])); // true'],
  pfcount: [
    'await client.pfadd("visitors", ["ada", "grace", "ada"]);',
    'console.log(await client.pfcount(["visitors"])); // 2',
  ],
  setbit: [
    'console.log(await client.setbit("flags", 3, 1)); // 0',
    'console.log(await client.getbit("flags", 3)); // 1',
  ],
  getbit: [
    'await client.setbit("flags", 3, 1);',
    'console.log(await client.getbit("flags", 2)); // 0',
  ],
  bitcount: ['await client.set("bits", "a");', 'console.log(await client.bitcount("bits")); // 3'],
  // connection and server
  ping: ["console.log(await client.ping()); // 'PONG'"],
  echo: ["console.log(await client.echo(\"hello\")); // 'hello'"],
};
