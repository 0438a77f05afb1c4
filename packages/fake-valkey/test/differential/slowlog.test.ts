// SLOWLOG compared with redis-server, every command logged (threshold 0):
// which commands make entries (EXEC's commands, not EXEC), newest first,
// their arguments (redacted, cut at 32 arguments and 128 bytes), client
// name, and the GET/LEN/RESET replies and errors. Ids, times, durations and
// addresses are checked for their shape and recorded normalised.

import type { ScenarioDriver } from "../support/scenario.js";
import { scenarioSuite } from "../support/scenario.js";
import type { WireFrame } from "../support/wire-reader.js";

/** Records SLOWLOG GET's entries with ids relative to the newest and the rest normalised. */
async function entries(d: ScenarioDriver, count: string): Promise<void> {
  const reply = await d.quiet("c", ["SLOWLOG", "GET", count]);
  if (!Array.isArray(reply)) {
    d.note(reply);
    return;
  }
  const newest = Number(String((reply[0] as WireFrame[] | undefined)?.[0] ?? ":0").slice(1));
  for (const entry of reply as WireFrame[][]) {
    const [id, time, micros, args, address, name] = entry;
    const fresh = Math.abs(Number(String(time).slice(1)) - Date.now() / 1000) < 60;
    const shape = /^:\d+$/.test(String(micros)) && /^\$127\.0\.0\.1:\d+$/.test(String(address));
    d.note([
      `id ${newest - Number(String(id).slice(1))}`,
      fresh && shape ? "ok" : `bad ${JSON.stringify(entry)}`,
      args ?? null,
      name ?? null,
    ]);
  }
}

scenarioSuite("slowlog", {
  "entries of every command": async (d) => {
    await d.call("c", ["CONFIG", "SET", "slowlog-log-slower-than", "0"]);
    await d.call("c", ["SLOWLOG", "RESET"]);
    await d.call("c", ["CLIENT", "SETNAME", "logged"]);
    await d.call("c", ["SET", "k", "v"]);
    await d.call("c", ["AUTH", "nobody", "secret"]);
    await d.call("c", ["MULTI"]);
    await d.call("c", ["INCR", "n"]);
    await d.call("c", ["GET", "k"]);
    await d.call("c", ["EXEC"]);
    await d.call("c", ["RPUSH", "l", ...Array.from({ length: 40 }, (_, i) => `e${i}`)]);
    await d.call("c", ["SET", "big", "x".repeat(300)]);
    await d.call("c", ["NOSUCH"]);
    await d.call("c", ["SLOWLOG", "LEN"]);
    await entries(d, "20");
    await entries(d, "2");
    await d.call("c", ["SLOWLOG", "GET", "-2"]);
    await d.call("c", ["SLOWLOG", "GET", "1x"]);
    await d.call("c", ["SLOWLOG", "GET", "1", "2"]);
    await d.call("c", ["SLOWLOG"]);
    await d.call("c", ["CONFIG", "SET", "slowlog-log-slower-than", "-1"]);
    await d.call("c", ["SLOWLOG", "RESET"]);
    await d.call("c", ["SET", "k", "unlogged"]);
    await d.call("c", ["SLOWLOG", "LEN"]);
    await d.call("c", ["LATENCY", "LATEST"]);
    await d.call("c", ["LATENCY", "HISTORY", "command"]);
    await d.call("c", ["LATENCY", "RESET", "nothing"]);
    await d.call("c", ["LATENCY", "DOCTOR"]);
    await d.call("c", ["CONFIG", "SET", "slowlog-log-slower-than", "10000"]);
  },
});
