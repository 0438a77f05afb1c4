// MONITOR compared with redis-server: which commands appear, in which order
// (a script before the commands it calls, shown as `lua`; a transaction's
// commands when EXEC runs them, then EXEC), the database after the command,
// the quoting of arguments, redacted credentials, hidden admin commands, and
// what a monitoring connection may still do. Times and addresses differ
// between servers, so each line is checked for the server's shape and
// recorded with both replaced.

import type { ScenarioDriver } from "../support/scenario.js";
import { scenarioSuite } from "../support/scenario.js";

const LINE = /^\+(\d{10})\.(\d{6}) \[(\d+) ([^\]]+)\] (.*)$/;

/** Opens connections and learns their addresses (before anyone monitors, so unseen). */
async function addresses(d: ScenarioDriver, names: string[]): Promise<Map<string, string>> {
  const byAddress = new Map<string, string>();
  for (const name of names) {
    const info = String(await d.quiet(name, ["CLIENT", "INFO"]));
    const address = /addr=(\S+)/.exec(info)?.[1];
    if (address !== undefined) byAddress.set(address, name);
  }
  return byAddress;
}

/** Reads `count` monitor lines on `m` and records them with time and address normalised. */
async function lines(
  d: ScenarioDriver,
  m: string,
  names: Map<string, string>,
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const frame = await d.take(m);
    const match = LINE.exec(String(frame));
    if (match === null) {
      d.note(`not a monitor line: ${JSON.stringify(frame)}`);
      continue;
    }
    const [, seconds, , db, source, args] = match;
    const fresh = Math.abs(Number(seconds) - Date.now() / 1000) < 60 ? "now" : "stale";
    d.note(`${fresh} [${db} ${names.get(source as string) ?? source}] ${args}`);
  }
}

scenarioSuite("monitor", {
  "commands, quoting, redaction, scripts and transactions": async (d) => {
    const names = await addresses(d, ["m", "c"]);
    await d.call("m", ["MONITOR"]);
    await d.call("c", ["SET", "k", "123"]);
    await d.call("c", ["SET", 'a b"c', Buffer.from([0x78, 0x0a, 0x09, 0x01, 0xff, 0x5c, 0x0d])]);
    await d.call("c", ["AUTH", "nobody", "secret"]);
    // The reply names the server: not compared.
    await d.quiet("c", ["HELLO", String(d.resp), "AUTH", "default", "nopass", "SETNAME", "x"]);
    await d.call("c", ["NOSUCH", "a"]);
    await d.call("c", ["GET"]);
    await d.call("c", ["CONFIG", "GET", "maxmemory"]);
    await d.quiet("c", ["CLIENT", "LIST"]);
    await d.call("c", ["EVAL", "return redis.call('get', KEYS[1])", "1", "k"]);
    await d.call("c", ["MULTI"]);
    await d.call("c", ["SET", "t", "1"]);
    await d.call("c", ["INCR", "t"]);
    await d.call("c", ["EXEC"]);
    await d.call("c", ["SELECT", "3"]);
    await d.call("c", ["LPUSH", "k", "v"]);
    await d.call("c", ["ECHO", "end"]);
    await lines(d, "m", names, 13);
  },
  "a monitoring connection": async (d) => {
    const names = await addresses(d, ["m", "c"]);
    await d.call("c", ["MULTI"]);
    await d.call("c", ["MONITOR"]);
    await d.call("c", ["EXEC"]);
    await d.call("m", ["MONITOR"]);
    // Its own commands come after their replies; keyspace commands are refused.
    await d.call("m", ["PING"]);
    await lines(d, "m", names, 1);
    await d.call("m", ["GET", "x"]);
    await d.call("m", ["PUBLISH", "ch", "x"]);
    const flags = /flags=(\S+)/.exec(String(await d.quiet("c", ["CLIENT", "LIST"])))?.[1];
    d.note(flags ?? "no flags");
    await d.call("m", ["RESET"]);
    await d.call("c", ["SET", "after", "reset"]);
    await d.call("m", ["MONITOR"]);
    // Already monitoring: ignored without a reply (the next frame is the ECHO line).
    await d.send("m", ["MONITOR"]);
    await d.call("c", ["ECHO", "seen"]);
    await lines(d, "m", names, 1);
  },
});
