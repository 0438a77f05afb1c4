// Bitmap and BITFIELD commands compared with a real redis-server.

import { differentialSuite, valkey8 } from "../support/differential.js";

differentialSuite("data: bits", (t) => {
  t.exact(["SETBIT", "b", "7", "1"]);
  t.exact(["SETBIT", "b", "7", "0"]);
  t.exact(["SETBIT", "b", "100", "1"]);
  t.exact(["GET", "b"]);
  t.exact(["GETBIT", "b", "100"]);
  t.exact(["GETBIT", "b", "99"]);
  t.exact(["GETBIT", "b", "100000"]);
  t.exact(["GETBIT", "missing", "3"]);
  t.error(["SETBIT", "b", "-1", "1"]);
  t.error(["SETBIT", "b", "4294967296", "1"]);
  t.error(["SETBIT", "b", "1", "2"]);
  t.error(["GETBIT", "b", "x"]);
  t.exact(["SET", "s", "foobar"]);
  t.exact(["BITCOUNT", "s"]);
  t.exact(["BITCOUNT", "s", "0", "0"]);
  t.exact(["BITCOUNT", "s", "1", "1"]);
  t.exact(["BITCOUNT", "s", "-2", "-1"]);
  t.exact(["BITCOUNT", "s", "5", "30", "BIT"]);
  t.exact(["BITCOUNT", "s", "-3", "-1", "BIT"]);
  t.exact(["BITCOUNT", "s", "-1", "-3"]);
  t.exact(["BITCOUNT", "s", "10", "20"]);
  t.exact(["BITCOUNT", "missing"]);
  t.exact(["BITCOUNT", "missing", "0"], valkey8(":0"));
  // Valkey 8: the end is optional, and arguments are checked before the key is read.
  t.exact(["BITCOUNT", "s", "1"], valkey8(":22"));
  t.exact(["BITCOUNT", "s", "-2"], valkey8(":7"));
  t.exact(["BITCOUNT", "missing", "0", "1", "hello"], valkey8("-ERR syntax error"));
  t.exact(
    ["BITCOUNT", "missing", "a", "b"],
    valkey8("-ERR value is not an integer or out of range"),
  );
  t.exact(["BITPOS", "missing", "0", "1", "hello", "hello2"], valkey8("-ERR syntax error"));
  t.exact(["BITPOS", "missing", "0", "a"], valkey8("-ERR value is not an integer or out of range"));
  t.exact(["BITPOS", "missing", "1", "0", "-1", "WORD"], valkey8("-ERR syntax error"));
  t.error(["BITCOUNT", "s", "0", "1", "WORD"]);
  t.error(["BITCOUNT", "s", "x", "1"]);
  t.exact(["SET", "p", Buffer.from([0xff, 0xf0, 0x00])]);
  t.exact(["BITPOS", "p", "0"]);
  t.exact(["BITPOS", "p", "1", "2"]);
  t.exact(["BITPOS", "p", "1", "1"]);
  t.exact(["BITPOS", "p", "0", "0", "0"]);
  t.exact(["BITPOS", "p", "1", "7", "15", "BIT"]);
  t.exact(["BITPOS", "p", "0", "7", "15", "BIT"]);
  t.exact(["BITPOS", "p", "0", "-1", "-1"]);
  t.exact(["SET", "ones", Buffer.from([0xff, 0xff])]);
  t.exact(["BITPOS", "ones", "0"]);
  t.exact(["BITPOS", "ones", "0", "1"]);
  t.exact(["BITPOS", "ones", "0", "0", "-1"]);
  t.exact(["BITPOS", "missing", "0"]);
  t.exact(["BITPOS", "missing", "1"]);
  t.exact(["SET", "empty", ""]);
  t.exact(["BITPOS", "empty", "0"]);
  t.error(["BITPOS", "p", "2"]);
  t.error(["BITPOS", "p", "1", "0", "1", "WORD"]);
  t.exact(["SET", "x", "abc"]);
  t.exact(["SET", "y", "a"]);
  t.exact(["BITOP", "AND", "and", "x", "y"]);
  t.exact(["GET", "and"]);
  t.exact(["BITOP", "or", "or", "x", "y", "missing"]);
  t.exact(["GET", "or"]);
  t.exact(["BITOP", "XOR", "xor", "x", "y"]);
  t.exact(["GET", "xor"]);
  t.exact(["BITOP", "NOT", "not", "x"]);
  t.exact(["GET", "not"]);
  t.exact(["BITOP", "AND", "none", "missing", "missing2"]);
  t.exact(["EXISTS", "none"]);
  t.error(["BITOP", "NOT", "d", "x", "y"]);
  t.error(["BITOP", "NAND", "d", "x"]);
  t.exact(["RPUSH", "list", "a"]);
  t.error(["BITOP", "AND", "d", "x", "list"]);
  t.error(["SETBIT", "list", "0", "1"]);
  t.error(["BITCOUNT", "list"]);
  t.exact(["BITFIELD", "bf", "SET", "i8", "0", "100", "GET", "i8", "0"]);
  t.exact(["BITFIELD", "bf", "INCRBY", "i8", "0", "100"]);
  t.exact(["BITFIELD", "bf", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "100"]);
  t.exact(["BITFIELD", "bf", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "1"]);
  t.exact(["BITFIELD", "bf", "OVERFLOW", "SAT", "INCRBY", "u4", "#3", "20", "GET", "u4", "#3"]);
  t.exact(["BITFIELD", "bf", "SET", "u63", "5", "9223372036854775807", "GET", "i64", "5"]);
  t.exact([
    "BITFIELD",
    "bf",
    "SET",
    "i64",
    "0",
    "-9223372036854775808",
    "INCRBY",
    "i64",
    "0",
    "-1",
  ]);
  t.exact(["BITFIELD", "bf", "SET", "u1", "3", "5", "GET", "u1", "3"]);
  t.exact(["GET", "bf"]);
  t.exact(["BITFIELD", "bfmissing", "GET", "u8", "100"]);
  t.exact(["EXISTS", "bfmissing"]);
  t.exact(["BITFIELD", "bffail", "OVERFLOW", "FAIL", "SET", "u2", "100", "9"]);
  t.exact(["STRLEN", "bffail"]);
  t.exact(["BITFIELD", "bf"]);
  t.exact(["BITFIELD_RO", "bf", "GET", "i8", "0", "GET", "u4", "#1"]);
  t.exact(["BITFIELD_RO", "bf", "OVERFLOW", "SAT"]);
  t.error(["BITFIELD_RO", "bf", "SET", "i8", "0", "1"]);
  t.error(["BITFIELD_RO", "bf", "SET", "i8", "0", "x"]);
  t.error(["BITFIELD", "bf", "GET", "i65", "0"]);
  t.error(["BITFIELD", "bf", "GET", "u64", "0"]);
  t.error(["BITFIELD", "bf", "GET", "x8", "0"]);
  t.error(["BITFIELD", "bf", "GET", "i8", "x"]);
  t.error(["BITFIELD", "bf", "GET", "i8", "-1"]);
  t.error(["BITFIELD", "bf", "GET", "i8"]);
  t.error(["BITFIELD", "bf", "OVERFLOW", "NOPE"]);
  t.error(["BITFIELD", "bf", "NOPE"]);
  t.error(["BITFIELD", "bf", "SET", "i8", "0", "1.5"]);
  t.error(["BITFIELD", "list", "GET", "i8", "0"]);
});
