// Edge cases across data types compared with a real redis-server: encodings
// past the compact thresholds, unusual numbers, and paging over large values.

import { differentialSuite, LISTPACK_SINCE_7_2 } from "../support/differential.js";

const many = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);

differentialSuite("data: edge cases", (t) => {
  t.exact(["HSET", "bighash", ...many("f", 130).flatMap((f) => [f, "v"])]);
  t.exact(["OBJECT", "ENCODING", "bighash"]);
  t.exact(["HSET", "shrunk", ...many("f", 513).flatMap((f) => [f, "v"])]);
  t.exact(["HDEL", "shrunk", ...many("f", 511)]);
  t.exact(["OBJECT", "ENCODING", "shrunk"]);
  t.exact(["COPY", "shrunk", "shrunk-copy"]);
  t.exact(["OBJECT", "ENCODING", "shrunk-copy"]);
  t.exact(["SADD", "wasints", "1", "2", "x"]);
  t.exact(["SREM", "wasints", "x"]);
  t.exact(["OBJECT", "ENCODING", "wasints"], LISTPACK_SINCE_7_2);
  t.sorted(["SMEMBERS", "wasints"]);
  t.exact(["ZADD", "zlong", "1", "m".repeat(65), "2", "b"]);
  t.exact(["ZREM", "zlong", "m".repeat(65)]);
  t.exact(["OBJECT", "ENCODING", "zlong"]);
  t.exact(["HSET", "longval", "f", "x".repeat(65)]);
  t.exact(["OBJECT", "ENCODING", "longval"]);
  t.sorted(["HGETALL", "bighash"]);
  t.exact(["HLEN", "bighash"]);
  t.sorted(["HSCAN", "bighash", "0", "COUNT", "1000"]);
  t.exact(["SADD", "bigints", ...many("", 513)]);
  t.exact(["OBJECT", "ENCODING", "bigints"]);
  t.exact(["SADD", "smallints", ...many("", 512)]);
  t.exact(["OBJECT", "ENCODING", "smallints"]);
  t.exact(["SSCAN", "smallints", "0", "MATCH", "51?"]);
  t.exact(["SADD", "notint", "9223372036854775808"]);
  t.exact(["OBJECT", "ENCODING", "notint"], LISTPACK_SINCE_7_2);
  t.exact(["ZADD", "bigz", ...many("m", 129).flatMap((m, i) => [String(i), m])]);
  t.exact(["OBJECT", "ENCODING", "bigz"]);
  t.exact(["ZRANGE", "bigz", "100", "105", "WITHSCORES"]);
  t.exact(["ZRANGE", "bigz", "(10", "20", "BYSCORE", "LIMIT", "2", "3"]);
  t.sorted(["ZSCAN", "bigz", "0", "COUNT", "1000"]);
  t.exact([
    "ZADD",
    "nums",
    "-0",
    "negzero",
    "1e-300",
    "tiny",
    "1.7976931348623157e308",
    "huge",
    "0x10",
    "hex",
  ]);
  t.exact(["ZADD", "nums", "-0", "negzero", "1e-300", "tiny", "1.7976931348623157e308", "huge"]);
  t.exact(["ZRANGE", "nums", "0", "-1", "WITHSCORES"]);
  t.exact(["ZADD", "nums", "3.0", "a", "1E2", "b", ".5", "c", "5.", "d"]);
  t.exact(["ZRANGE", "nums", "0", "-1", "WITHSCORES"]);
  t.exact(["ZINCRBY", "nums", "1e308", "huge"]);
  t.exact(["ZSCORE", "nums", "huge"]);
  t.exact(["ZCOUNT", "nums", "(0", "+inf"]);
  t.exact(["ZCOUNT", "nums", "-inf", "(0"]);
  t.exact(["ZCOUNT", "nums", "(", "1"]);
  t.exact(["ZCOUNT", "nums", "", " 1"]);
  t.error(["ZCOUNT", "nums", "1 ", "2"]);
  t.exact(["ZCOUNT", "nums", "-1e400", "1e400"]);
  t.error(["ZADD", "nums", "1e400", "x"]);
  t.error(["ZADD", "nums", "1e-400", "x"]);
  t.error(["ZADD", "nums", "", "x"]);
  t.error(["ZADD", "nums", " 1", "x"]);
  t.exact(["ZADD", "nums", "0x1.8p1", "hexfloat", "-0X.8", "hexneg"]);
  t.exact(["ZMSCORE", "nums", "hexfloat", "hexneg"]);
  t.error(["ZCOUNT", "nums", "nan", "1"]);
  t.exact(["ZADD", "mixed", "1", "b", "2", "a", "3", "c"]);
  t.exact(["ZRANGEBYLEX", "mixed", "[a", "[b"]);
  t.exact(["ZRANGEBYLEX", "mixed", "-", "+"]);
  t.exact(["ZRANGEBYLEX", "mixed", "+", "-"]);
  t.exact(["ZREMRANGEBYRANK", "mixed", "-1", "-1"]);
  t.exact(["ZREMRANGEBYRANK", "mixed", "5", "10"]);
  t.exact(["SET", "intlike", "12345"]);
  t.exact(["OBJECT", "ENCODING", "intlike"]);
  t.exact(["SET", "intlong", "123456789012345678901"]);
  t.exact(["OBJECT", "ENCODING", "intlong"]);
  t.error(["INCR", "intlong"]);
  t.exact(["SET", "fl", "3.0"]);
  t.exact(["INCRBYFLOAT", "fl", "1"]);
  t.exact(["SET", "fl", "1e3"]);
  t.exact(["INCRBYFLOAT", "fl", "1"]);
  t.exact(["INCRBYFLOAT", "fl", "-1001"]);
  t.exact(["INCRBYFLOAT", "fl", "0.000000000000000001"]);
  t.exact(["INCRBYFLOAT", "fl", "1.5e-5"]);
  t.exact(["INCRBYFLOAT", "flbig", "1e30"]);
  t.exact(["INCRBYFLOAT", "flbig", "1"]);
  t.exact(["INCRBYFLOAT", "flneg", "-2.5"]);
  t.exact(["INCRBYFLOAT", "flneg", "2.5"]);
  t.exact(["INCRBYFLOAT", "hx", "0x10"]);
  t.exact(["INCRBYFLOAT", "hx", "0x.8p-1"]);
  t.error(["INCRBYFLOAT", "hx", " 1"]);
  t.error(["INCRBYFLOAT", "hx", "1 "]);
  t.exact(["INCRBYFLOAT", "hy", "1e400"]);
  t.exact(["INCRBYFLOAT", "hz", "1e-400"]);
  t.error(["INCRBYFLOAT", "hz", "1e5000"]);
  t.exact(["HINCRBYFLOAT", "hf", "f", "3.3"]);
  t.exact(["HINCRBYFLOAT", "hf", "f", "1e2"]);
  t.exact(["RPUSH", "biglist", ...many("i", 300)]);
  t.exact(["OBJECT", "ENCODING", "biglist"], LISTPACK_SINCE_7_2);
  t.exact(["LRANGE", "biglist", "-3", "-1"]);
  t.exact(["LINDEX", "biglist", "150"]);
  t.exact(["LPOS", "biglist", "i299", "MAXLEN", "10"]);
  t.exact(["LPOS", "biglist", "i1", "RANK", "-1", "MAXLEN", "299"]);
  t.exact(["LPOS", "biglist", "i1", "RANK", "-1", "MAXLEN", "300"]);
  t.exact(["LTRIM", "biglist", "-5", "-1"]);
  t.exact(["LRANGE", "biglist", "0", "-1"]);
  t.sorted(["KEYS", "big*"]);
  t.exact(["SET", "k1", "v"]);
  t.exact(["DEL", "k1", "k1"]);
  t.exact(["SET", "a[1]", "v"]);
  t.exact(["KEYS", "a\\[1\\]"]);
  t.exact(["KEYS", "a[[]1]"]);
  t.exact(["KEYS", "a?1?"]);
  t.exact(["MSET", "h-llo", "1", "h]llo", "1", "hallo", "1", "h_", "1"]);
  t.sorted(["KEYS", "h[a-]llo"]);
  t.sorted(["KEYS", "h[^a]llo"]);
  t.sorted(["KEYS", "h[]-a]llo"]);
  t.sorted(["KEYS", "h[\\]]llo"]);
  t.sorted(["KEYS", "*llo"]);
  t.exact(["APPEND", "", "empty-key"]);
  t.exact(["GET", ""]);
  t.exact(["SET", "emptyval", ""]);
  t.exact(["STRLEN", "emptyval"]);
  t.exact(["GETRANGE", "emptyval", "0", "-1"]);
  t.exact(["LCS", "emptyval", "emptyval", "IDX"]);
  t.exact(["HSCAN", "missing", "0", "BOGUS", "x"]);
  t.exact(["SSCAN", "missing", "0", "COUNT", "0"]);
  t.exact(["ZSCAN", "missing", "0", "MATCH"]);
  t.error(["SSCAN", "emptyval", "0", "BOGUS"]);
  t.error(["HSCAN", "missing", "x"]);
});
