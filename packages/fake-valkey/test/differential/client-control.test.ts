// CLIENT REPLY, NO-EVICT, PAUSE and UNPAUSE compared with redis-server:
// silenced replies, the option errors, and which commands a pause holds
// back (a held client's reply arrives only after UNPAUSE). NO-TOUCH is
// Valkey 7.2+ and tested on the fake alone (test/server/client-control.test.ts).

import { scenarioSuite } from "../support/scenario.js";

scenarioSuite("client control", {
  "CLIENT REPLY OFF, SKIP and ON": async (d) => {
    await d.send("c", ["CLIENT", "REPLY", "OFF"]);
    await d.send("c", ["SET", "silent", "1"]);
    await d.send("c", ["CLIENT", "REPLY", "SKIP"]);
    await d.call("c", ["CLIENT", "REPLY", "ON"]);
    await d.call("c", ["GET", "silent"]);
    await d.send("c", ["CLIENT", "REPLY", "SKIP"]);
    await d.send("c", ["INCR", "n"]);
    await d.call("c", ["INCR", "n"]);
    await d.call("c", ["CLIENT", "REPLY", "MAYBE"]);
    await d.call("c", ["CLIENT", "REPLY"]);
  },
  "CLIENT NO-EVICT and the PAUSE errors": async (d) => {
    for (const command of [
      ["CLIENT", "NO-EVICT", "ON"],
      ["CLIENT", "NO-EVICT", "maybe"],
      ["CLIENT", "PAUSE", "abc"],
      ["CLIENT", "PAUSE", "-1"],
      ["CLIENT", "PAUSE", "1.5"],
      ["CLIENT", "PAUSE", "99999999999999999999"],
      ["CLIENT", "PAUSE", "10", "maybe"],
      ["CLIENT", "PAUSE"],
      ["CLIENT", "UNPAUSE", "x"],
    ]) {
      await d.call("c", command);
    }
    const flags = /flags=(\S+)/.exec(String(await d.quiet("c", ["CLIENT", "INFO"])))?.[1];
    d.note(flags ?? "no flags");
    await d.call("c", ["CLIENT", "NO-EVICT", "OFF"]);
  },
  "CLIENT PAUSE WRITE holds writes, not reads, until UNPAUSE": async (d) => {
    await d.call("w", ["SET", "k", "before"]);
    await d.call("admin", ["CLIENT", "PAUSE", "100000", "WRITE"]);
    await d.send("w", ["SET", "k", "during"]);
    await d.call("r", ["GET", "k"]);
    await d.call("r", ["PING"]);
    d.note(`writer replies before UNPAUSE: ${await d.buffered("w")}`);
    await d.call("admin", ["CLIENT", "UNPAUSE"]);
    await d.read("w");
    await d.call("r", ["GET", "k"]);
  },
  "CLIENT PAUSE ALL holds every command until its deadline": async (d) => {
    await d.call("r", ["PING"]);
    const started = Date.now();
    await d.call("admin", ["CLIENT", "PAUSE", "300", "ALL"]);
    await d.send("r", ["GET", "k"]);
    // The pausing client waits too, and so would an UNPAUSE: only the deadline ends it.
    await d.send("admin", ["ECHO", "after"]);
    await d.read("r");
    await d.read("admin");
    d.note(Date.now() - started >= 250 ? "held until the deadline" : "not held");
  },
});
