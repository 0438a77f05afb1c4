// Connection and server commands, compared with a real redis-server.

import { differentialSuite, valkey8 } from "../support/differential.js";
import type { WireFrame } from "../support/wire-reader.js";

/** MEMORY USAGE is an estimate on the fake: both replies must be integers. */
function bothIntegers(fake: WireFrame, real: WireFrame): void {
  if (!/^:\d+$/.test(String(fake)) || !/^:\d+$/.test(String(real)))
    throw new Error(`not integers: fake ${JSON.stringify(fake)}, real ${JSON.stringify(real)}`);
}

/** CLIENT INFO / LIST fields Redis 7.0 lacks (Redis 7.2 and Valkey 8 added them). */
const NEWER_CLIENT_FIELDS = new Set([
  "lib-name",
  "lib-ver",
  "watch",
  "tot-net-in",
  "tot-net-out",
  "tot-cmds",
]);

differentialSuite("connection commands", (t) => {
  t.exact(["PING"]);
  t.exact(["PING", "hello"]);
  t.error(["PING", "a", "b"]);
  t.exact(["ECHO", "x y"]);
  t.error(["ECHO"]);
  t.exact(["SELECT", "1"]);
  t.exact(["SET", "k", "in-db-1"]);
  t.exact(["SELECT", "0"]);
  t.exact(["GET", "k"]);
  t.error(["SELECT", "16"]);
  t.error(["SELECT", "-1"]);
  t.error(["SELECT", "abc"]);
  t.error(["NOSUCH", "a", "b"]);
  t.error(["NOSUCH"]);
  t.error(["NOSUCH", "x".repeat(200), "y"]);
  t.error(["NOSUCH", "a".repeat(100), "b".repeat(100), "c"]);
  t.error(["NOSUCH", "a\r\nb"]);
  t.error(["N".repeat(150)]);
  t.error(["CLIENT", "s".repeat(150)]);
  t.error(["CLIENT", "NOSUCH"]);
  t.error(["CLIENT"]);
  t.error(["CLIENT", "SETNAME"]);
  t.error(["CLIENT", "SETNAME", "a b"]);
  t.exact(["CLIENT", "GETNAME"]);
  t.exact(["CLIENT", "SETNAME", "conn-1"]);
  t.exact(["CLIENT", "GETNAME"]);
  t.exact(["CLIENT", "SETNAME", ""]);
  t.exact(["CLIENT", "GETNAME"]);
  t.error(["CLIENT", "KILL", "1.2.3.4:5"]);
  t.exact(["CLIENT", "KILL", "ID", "999999"]);
  t.error(["CLIENT", "KILL", "ID", "abc"]);
  // MAXAGE is a Valkey 8 filter; its argument is an int64.
  t.exact(
    ["CLIENT", "KILL", "MAXAGE", "9999999999999999999"],
    valkey8("-ERR value is not an integer or out of range"),
  );
  t.exact(["CLIENT", "KILL", "MAXAGE", "999999"], valkey8(":0"));
  t.exact(["SET", "mem", "value"]);
  t.exact(["RPUSH", "memlist", "a", "b"]);
  t.check(["MEMORY", "USAGE", "mem"], bothIntegers);
  t.check(["MEMORY", "USAGE", "memlist", "SAMPLES", "0"], bothIntegers);
  t.exact(["MEMORY", "USAGE", "missing"]);
  t.error(["MEMORY", "USAGE", "mem", "SAMPLES", "x"]);
  t.error(["MEMORY", "USAGE", "mem", "SAMPLES", "-1"]);
  t.error(["MEMORY", "USAGE", "mem", "BOGUS"]);
  t.error(["MEMORY", "USAGE"]);
  t.check(["INFO", "persistence"], (fake, real) => {
    const changes = (frame: WireFrame) =>
      Number(/rdb_changes_since_last_save:(\d+)/.exec(String(frame))?.[1] ?? "-1");
    if (!(changes(fake) > 0 && changes(real) > 0))
      throw new Error(`rdb_changes_since_last_save: fake ${changes(fake)}, real ${changes(real)}`);
  });
  t.error(["CLIENT", "KILL", "ID"]);
  t.error(["HELLO", "4"]);
  t.error(["HELLO", "abc"]);
  t.error(["HELLO", "3", "BOGUS"]);
  t.error(["AUTH", "x"]);
  t.error(["AUTH", "a", "b", "c"]);
  t.exact(["RESET"]);
  t.exact(["DBSIZE"]);
  t.error(["CONFIG", "SET", "nosuch", "1"]);
  t.error(["CONFIG", "SET", "databases", "4"]);
  t.error(["CONFIG", "GET"]);
  t.exact(["CONFIG", "GET", "nosuch-param"]);
  t.exact(["CONFIG", "SET", "proto-max-bulk-len", "1048576"]);
  t.exact(["CONFIG", "GET", "proto-max-bulk-len"]);
  t.exact(["CONFIG", "SET", "proto-max-bulk-len", "536870912"]);
  for (const classes of ["KA", "Kgx$", "An", "nd", "mnEKA", "Ed", "g$lshzxetd", "n", ""]) {
    t.exact(["CONFIG", "SET", "notify-keyspace-events", classes]);
    t.exact(["CONFIG", "GET", "notify-keyspace-events"]);
  }
  t.error(["CONFIG", "SET", "notify-keyspace-events", "Eq"]);
  t.exact(["CONFIG", "GET", "notify-keyspace-events"]);
  t.error(["CLUSTER", "INFO"]);
  t.error(["READONLY"]);
  // Clock readings: compared within the harness's CLOCK_TOLERANCE.
  t.exact(["TIME"]);
  t.check(["CLIENT", "ID"], (fake, real) => {
    if (
      typeof fake !== "string" ||
      !fake.startsWith(":") ||
      typeof real !== "string" ||
      !real.startsWith(":")
    ) {
      throw new Error("CLIENT ID is not an integer on both");
    }
  });
  t.exact(["SET", "ks", "1"]);
  t.exact(["SET", "kx", "1", "EX", "100"]);
  t.approx(["PTTL", "kx"], 1000);
  t.exact(["INFO", "keyspace"]);
  t.exact(["INFO", "nosuchsection"]);
  t.check(["CLIENT", "INFO"], (fake, real) => {
    const fields = (frame: unknown) =>
      String(frame)
        .trim()
        .split(" ")
        .map((field) => field.split("=")[0])
        .filter((name) => name !== undefined && !NEWER_CLIENT_FIELDS.has(name))
        .join(" ")
        .replace(/^[$=](txt:)?/, "");
    if (fields(fake) !== fields(real))
      throw new Error(`CLIENT INFO fields: ${fields(fake)} != ${fields(real)}`);
  });
  t.exact(["ROLE"]);
  t.exact(["WAIT", "0", "0"]);
  t.exact(["CONFIG", "RESETSTAT"]);
  t.exact(["COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2"]);
  t.error(["COMMAND", "GETKEYS", "PING"]);
  t.error(["COMMAND", "GETKEYS", "PING", "x"]);
  t.error(["COMMAND", "GETKEYS", "GET", "a", "b"]);
  t.error(["COMMAND", "GETKEYS", "NOSUCH", "x"]);
  t.check(["COMMAND", "INFO", "get", "mset", "nosuch"], (fake, real) => {
    const head = (frame: unknown) =>
      JSON.stringify(
        (frame as unknown[]).map((entry) =>
          Array.isArray(entry) ? [entry[0], entry[1], ...entry.slice(3, 6)] : entry,
        ),
      );
    if (head(fake) !== head(real)) throw new Error(`COMMAND INFO: ${head(fake)} != ${head(real)}`);
  });
  t.check(["CLIENT", "LIST"], (fake, real) => {
    const fields = (frame: unknown) =>
      String(frame)
        .replace(/^[$=](txt:)?/, "")
        .trim()
        .split("\n")
        .map((line) =>
          line
            .split(" ")
            .map((field) => field.split("=")[0])
            .filter((name) => name !== undefined && !NEWER_CLIENT_FIELDS.has(name))
            .join(" "),
        )
        .join("\n");
    if (fields(fake) !== fields(real))
      throw new Error(`CLIENT LIST fields: ${fields(fake)} != ${fields(real)}`);
  });
  t.check(["COMMAND", "COUNT"], (fake, real) => {
    if (!/^:\d+$/.test(String(fake)) || !/^:\d+$/.test(String(real)))
      throw new Error("COMMAND COUNT is not an integer");
  });
  t.check(["COMMAND", "LIST"], (fake, real) => {
    const known = new Set(real as string[]);
    const unknown = (fake as string[]).filter((name) => !known.has(name));
    if (unknown.length > 0) throw new Error(`the real server has no ${unknown.join(", ")}`);
  });
  t.check(
    [
      "COMMAND",
      "DOCS",
      "get",
      "hset",
      "lpush",
      "sadd",
      "zadd",
      "del",
      "dbsize",
      "publish",
      "multi",
      "cluster",
    ],
    (fake, real) => {
      const groups = (frame: WireFrame) => {
        const out: string[] = [];
        const entries = (value: WireFrame): [WireFrame, WireFrame][] => {
          if (
            value !== null &&
            typeof value === "object" &&
            !Array.isArray(value) &&
            "map" in value
          ) {
            return value.map;
          }
          const flat = value as WireFrame[];
          const pairs: [WireFrame, WireFrame][] = [];
          for (let i = 0; i < flat.length; i += 2)
            pairs.push([flat[i] as WireFrame, flat[i + 1] as WireFrame]);
          return pairs;
        };
        for (const [name, doc] of entries(frame)) {
          const group = entries(doc).find(([key]) => key === "$group")?.[1];
          out.push(`${String(name)}=${String(group)}`);
        }
        return out.sort().join(" ");
      };
      if (groups(fake) !== groups(real))
        throw new Error(`COMMAND DOCS groups: ${groups(fake)} != ${groups(real)}`);
    },
  );
  t.exact(["LASTSAVE"]);
  t.check(
    ["HELLO"],
    (fake, real) => {
      if (JSON.stringify(fake) !== JSON.stringify(real))
        throw new Error(`HELLO: ${JSON.stringify(fake)} != ${JSON.stringify(real)}`);
    },
    {
      normalize: (frame) =>
        JSON.parse(
          JSON.stringify(frame)
            .replace(/"\$(valkey|redis)"/, '"$server"')
            .replace(/"\$\d+\.\d+\.\d+"/, '"$version"')
            .replace(/":\d+"(\]|,"\$mode")/, '":id"$1'),
        ),
    },
  );
  for (const type of ["string", "integer", "double", "bignum", "null", "array", "set", "map"]) {
    t.exact(["DEBUG", "PROTOCOL", type]);
  }
  for (const type of ["attrib", "verbatim", "true", "false", "nosuch"])
    t.exact(["DEBUG", "PROTOCOL", type]);
  t.exact(["DEBUG", "NOSUCH"]);
  t.raw("PING\r\n");
  t.raw('ECHO "a b"\r\n');
  t.raw("   \r\nPING x\n");
  t.exact(["QUIT"]);
});

differentialSuite(
  "DEBUG PROTOCOL push",
  (t) => {
    t.exact(["DEBUG", "PROTOCOL", "push"], { replies: 2 });
  },
  { resp: [3] },
);

differentialSuite(
  "protocol errors (each on its own connection, which the server then closes)",
  (t) => {
    const cases = [
      "*1\r\n:1\r\n",
      "*abc\r\n",
      "*1\r\n$-5\r\n",
      "*1\r\n$abc\r\n",
      'SET k "abc\r\n',
      "SET k 'a'b\r\n",
      // An inline request over 64 KB without a newline.
      "x".repeat(70 * 1024),
      `SET k ${"y".repeat(70 * 1024)}`,
    ];
    for (const [index, bytes] of cases.entries()) {
      t.on(`c${index}`).exact(["PING"]);
      t.on(`c${index}`).raw(bytes);
    }
  },
  { resp: [2] },
);

differentialSuite(
  "authentication",
  (t) => {
    t.error(["GET", "k"]);
    t.error(["AUTH", "wrong"]);
    t.error(["AUTH", "default", "wrong"]);
    t.exact(["AUTH", "pw"]);
    t.exact(["GET", "k"]);
    t.on("second").error(["HELLO", "3", "AUTH", "default", "nope"]);
    t.on("second").exact(["AUTH", "default", "pw"]);
    t.on("second").exact(["PING"]);
  },
  { password: "pw", authenticate: false, resp: [2] },
);

differentialSuite(
  "CLIENT KILL filters",
  (t) => {
    t.on("sub").exact(["SUBSCRIBE", "x"]);
    t.on("plain").exact(["PING"]);
    t.exact(["CLIENT", "KILL", "TYPE", "pubsub"]);
    t.exact(["CLIENT", "KILL", "TYPE", "pubsub"]);
    t.error(["CLIENT", "KILL", "TYPE", "bogus"]);
    t.error(["CLIENT", "KILL", "TYPE"]);
    t.exact(["CLIENT", "KILL", "USER", "nobody"]);
    t.exact(["CLIENT", "KILL", "USER", "default", "SKIPME", "yes"]);
    t.exact(["CLIENT", "KILL", "USER", "default"]);
  },
  { resp: [2] },
);

differentialSuite("SWAPDB", (t) => {
  t.exact(["SET", "a", "in-0"]);
  t.exact(["SELECT", "1"]);
  t.exact(["SET", "b", "in-1"]);
  t.exact(["SWAPDB", "0", "1"]);
  t.exact(["GET", "a"]);
  t.exact(["GET", "b"]);
  t.exact(["SWAPDB", "1", "1"]);
  t.error(["SWAPDB", "0", "x"]);
  t.error(["SWAPDB", "x", "0"]);
  t.error(["SWAPDB", "0", "16"]);
  t.error(["SWAPDB", "-1", "0"]);
  t.error(["SWAPDB", "99999999999", "0"]);
  // A watched key brought in or taken away by SWAPDB fails the transaction.
  t.exact(["WATCH", "a"]);
  t.on("other").exact(["SWAPDB", "0", "1"]);
  t.exact(["MULTI"]);
  t.exact(["GET", "a"]);
  t.exact(["EXEC"]);
  // A client blocked on a key another database holds is served by the swap.
  t.on("waiter").exact(["SELECT", "2"]);
  t.on("other").exact(["SELECT", "3"]);
  t.on("other").exact(["RPUSH", "queue", "job"]);
  t.on("waiter").send(["BLPOP", "queue", "0"]);
  t.on("other").exact(["SWAPDB", "2", "3"]);
  t.on("waiter").receive();
  t.on("other").exact(["SWAPDB", "2", "3"]);
});
