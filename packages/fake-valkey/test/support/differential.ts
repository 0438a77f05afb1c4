// Differential tests: the same command script runs against the fake and a
// real redis-server (from @petrel/test-servers), on RESP2 and RESP3, and every
// reply is compared on the wire (types included). A script is recorded first,
// then replayed step by step on both servers; all mismatches are reported at once.
//
//   differentialSuite("strings", (t) => {
//     t.exact(["SET", "k", "v"]);
//     t.sorted(["SMEMBERS", "s"]);
//     t.error(["GET"]);
//     t.approx(["PTTL", "k"], 1000);
//     t.on("other").exact(["GET", "k"]);
//   });

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, type StandaloneOptions, startStandalone } from "../../src/index.js";
import { type CommandInput, RawClient } from "./raw-client.js";
import { isErrorFrame, type WireFrame } from "./wire-reader.js";

export interface StepOptions {
  /** Frames to read for this command (SUBSCRIBE a b answers with two). Default 1. */
  readonly replies?: number;
  /** Applied to both replies before comparing (e.g. to blank a timestamp). */
  readonly normalize?: (frame: WireFrame) => WireFrame;
  /**
   * Behaviour of this server version onwards (the fake answers as Valkey 8.1).
   * Against an older reference server the step still runs on both, but the
   * fake's reply is compared with `expect` instead of the reference's.
   */
  readonly since?: { readonly version: string; readonly expect: WireFrame };
}

type Comparison = "exact" | "sorted" | "error" | "errorCode" | "none";

interface Step {
  readonly connection: string;
  readonly kind: "call" | "send" | "receive" | "raw";
  /** Bytes written as they are, for "raw" steps. */
  readonly bytes?: string;
  readonly command: CommandInput;
  readonly comparison: Comparison;
  readonly options: StepOptions;
  readonly check?: (fake: WireFrame, real: WireFrame) => void;
}

export interface Script {
  /** Replies must be identical. */
  exact(command: CommandInput, options?: StepOptions): Script;
  /** Replies must hold the same elements in any order (arrays, maps and sets at every level). */
  sorted(command: CommandInput, options?: StepOptions): Script;
  /** Integer replies may differ by up to `tolerance` (TTL, PTTL and other clock readings). */
  approx(command: CommandInput, tolerance: number, options?: StepOptions): Script;
  /** Both replies must be errors with identical text. */
  error(command: CommandInput, options?: StepOptions): Script;
  /** Both replies must be errors with the same code (first word). */
  errorCode(command: CommandInput, options?: StepOptions): Script;
  /** Runs the command on both without comparing (setup). */
  run(command: CommandInput, options?: StepOptions): Script;
  /** Custom comparison. */
  check(
    command: CommandInput,
    assert: (fake: WireFrame, real: WireFrame) => void,
    options?: StepOptions,
  ): Script;
  /** Sends without reading (a blocking command); read its reply later with `receive`. */
  send(command: CommandInput): Script;
  /** Reads the next frame(s) on this connection and compares them exactly (or sorted). */
  receive(options?: StepOptions & { readonly sorted?: boolean }): Script;
  /** Writes bytes as they are (inline commands, malformed requests) and compares the next frame. */
  raw(bytes: string, options?: StepOptions): Script;
  /** The same script API on another named connection (opened on first use). */
  on(connection: string): Script;
}

export interface DifferentialOptions {
  /** Protocol versions to run the script on. Default both. */
  readonly resp?: readonly (2 | 3)[];
  /** `requirepass` on both servers. Connections authenticate first unless `authenticate` is false. */
  readonly password?: string;
  readonly authenticate?: boolean;
  /** Extra fake options (users are passed to the fake only). */
  readonly fake?: Omit<StandaloneOptions, "password">;
}

/**
 * Step options for an OBJECT ENCODING of "listpack" where redis-server 7.0
 * answers quicklist or hashtable: small lists and sets of strings are
 * listpacks since Redis 7.2.
 */
export const LISTPACK_SINCE_7_2: StepOptions = { since: { version: "7.2", expect: "$listpack" } };

/** Step options for behaviour Valkey 8.0 has and an older reference server lacks. */
export function valkey8(expect: WireFrame): StepOptions {
  return { since: { version: "8.0", expect } };
}

function recorder(steps: Step[], connection: string): Script {
  const add = (step: Omit<Step, "connection">): Script => {
    steps.push({ connection, ...step });
    return script;
  };
  const call =
    (comparison: Comparison) =>
    (command: CommandInput, options: StepOptions = {}) =>
      add({ kind: "call", command, comparison, options });
  const script: Script = {
    exact: call("exact"),
    sorted: call("sorted"),
    error: call("error"),
    errorCode: call("errorCode"),
    run: call("none"),
    approx: (command, tolerance, options = {}) =>
      add({
        kind: "call",
        command,
        comparison: "exact",
        options,
        check: (fake, real) => {
          const problem = outsideTolerance(fake, real, tolerance);
          if (problem !== undefined) throw new Error(problem);
        },
      }),
    check: (command, check, options = {}) =>
      add({ kind: "call", command, comparison: "exact", options, check }),
    send: (command) => add({ kind: "send", command, comparison: "none", options: {} }),
    receive: (options = {}) =>
      add({
        kind: "receive",
        command: [],
        comparison: options.sorted ? "sorted" : "exact",
        options,
      }),
    raw: (bytes, options = {}) =>
      add({ kind: "raw", command: [], bytes, comparison: "exact", options }),
    on: (name) => recorder(steps, name),
  };
  return script;
}

/**
 * Replies that read a clock, and how far apart the two servers' readings may
 * be: a busy machine may run the two servers' steps a second apart. TTL and
 * OBJECT IDLETIME are in seconds, PTTL in milliseconds, TIME's first element
 * and LASTSAVE in seconds since the epoch. Exact steps on these commands are
 * compared within this tolerance instead.
 */
export const CLOCK_TOLERANCE: ReadonlyMap<string, number> = new Map([
  ["ttl", 1],
  ["pttl", 1000],
  ["object idletime", 1],
  ["time", 2],
  ["lastsave", 10],
]);

function clockTolerance(command: CommandInput): number | undefined {
  const words = command.slice(0, 2).map((part) => String(part).toLowerCase());
  return CLOCK_TOLERANCE.get(words.join(" ")) ?? CLOCK_TOLERANCE.get(words[0] ?? "");
}

/** The number an integer reply (or TIME's seconds) holds, or undefined. */
function clockReading(frame: WireFrame): number | undefined {
  if (typeof frame === "string" && /^:-?\d+$/.test(frame)) return Number(frame.slice(1));
  if (Array.isArray(frame) && frame.length === 2 && typeof frame[0] === "string") {
    const seconds = /^\$(\d+)$/.exec(frame[0]);
    if (seconds !== null) return Number(seconds[1]);
  }
  return undefined;
}

/** Why two clock readings are too far apart, or undefined. Other replies must be equal. */
function outsideTolerance(fake: WireFrame, real: WireFrame, tolerance: number): string | undefined {
  const a = clockReading(fake);
  const b = clockReading(real);
  const near =
    a === undefined || b === undefined
      ? stableKey(fake) === stableKey(real)
      : // Negative TTLs (-1 no expiry, -2 no key) are answers, not readings.
        a < 0 || b < 0
        ? a === b
        : Math.abs(a - b) <= tolerance;
  if (near) return undefined;
  return `fake ${JSON.stringify(fake)} is not within ${tolerance} of real ${JSON.stringify(real)}`;
}

function stableKey(frame: WireFrame): string {
  return JSON.stringify(frame);
}

/** Sorts every unordered aggregate so two replies with the same elements compare equal. */
export function sortDeep(frame: WireFrame): WireFrame {
  if (Array.isArray(frame)) {
    return frame.map(sortDeep).sort((a, b) => (stableKey(a) < stableKey(b) ? -1 : 1));
  }
  if (frame !== null && typeof frame === "object") {
    if ("set" in frame)
      return {
        set: frame.set.map(sortDeep).sort((a, b) => (stableKey(a) < stableKey(b) ? -1 : 1)),
      };
    if ("map" in frame) {
      const pairs = frame.map.map(([k, v]) => [sortDeep(k), sortDeep(v)] as [WireFrame, WireFrame]);
      return { map: pairs.sort((a, b) => (stableKey(a) < stableKey(b) ? -1 : 1)) };
    }
    if ("push" in frame) return { push: frame.push.map(sortDeep) };
  }
  return frame;
}

/** RESP3 sets are unordered by definition: sort them wherever they appear. */
function sortSets(frame: WireFrame): WireFrame {
  if (Array.isArray(frame)) return frame.map(sortSets);
  if (frame !== null && typeof frame === "object") {
    if ("set" in frame)
      return {
        set: frame.set.map(sortSets).sort((a, b) => (stableKey(a) < stableKey(b) ? -1 : 1)),
      };
    if ("map" in frame)
      return {
        map: frame.map.map(([k, v]) => [sortSets(k), sortSets(v)] as [WireFrame, WireFrame]),
      };
    if ("push" in frame) return { push: frame.push.map(sortSets) };
  }
  return frame;
}

function describeCommand(command: CommandInput): string {
  return command
    .map((part) => (Buffer.isBuffer(part) ? `<${part.toString("hex")}>` : String(part)))
    .join(" ");
}

class Connections {
  private readonly clients = new Map<string, RawClient>();

  constructor(
    private readonly port: number,
    private readonly resp: 2 | 3,
    private readonly password: string | undefined,
  ) {}

  async get(name: string): Promise<RawClient> {
    const existing = this.clients.get(name);
    if (existing !== undefined) return existing;
    const client = await RawClient.connect(this.port);
    this.clients.set(name, client);
    if (this.password !== undefined) await client.call(["AUTH", this.password]);
    if (this.resp === 3) await client.call(["HELLO", "3"]);
    return client;
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

/** Generous: the machine running the suites may be busy; a missing reply still fails, only later. */
const REPLY_TIMEOUT_MS = 5000;

async function collect(client: RawClient, count: number): Promise<WireFrame> {
  if (count === 1) return client.read(REPLY_TIMEOUT_MS);
  const frames: WireFrame[] = [];
  for (let i = 0; i < count; i++) frames.push(await client.read(REPLY_TIMEOUT_MS));
  return frames;
}

/** `a >= b` for dotted version numbers. */
export function versionAtLeast(a: string, b: string): boolean {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/** The server's `blocked_clients`, read on a connection of the harness's own. */
async function blockedClients(connections: Connections): Promise<number> {
  const info = await (await connections.get("__harness")).call(["INFO", "clients"]);
  return Number(/blocked_clients:(\d+)/.exec(JSON.stringify(info))?.[1] ?? 0);
}

/** A command that may block its connection (BLPOP, BZPOPMIN, XREAD BLOCK, …). */
function mayBlock(command: CommandInput): boolean {
  const words = command.map((word) => String(word).toUpperCase());
  return /^B(L|R|Z)/.test(words[0] ?? "") || words.includes("BLOCK");
}

async function perform(connections: Connections, step: Step): Promise<WireFrame | undefined> {
  const client = await connections.get(step.connection);
  // A write sent right after a blocking command must reach the server after it blocks:
  // wait (bounded) until the server counts one more blocked client.
  const blockedBefore =
    step.kind === "send" && mayBlock(step.command) ? await blockedClients(connections) : undefined;
  if (step.kind === "raw") client.writeRaw(step.bytes ?? "");
  else if (step.kind !== "receive") client.send(step.command);
  if (blockedBefore !== undefined) {
    for (let i = 0; i < 100 && (await blockedClients(connections)) <= blockedBefore; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  if (step.kind === "send") return undefined;
  try {
    return await collect(client, step.options.replies ?? 1);
  } catch (failure) {
    return `<no reply: ${(failure as Error).message}>`;
  }
}

function compare(step: Step, fakeFrame: WireFrame, realFrame: WireFrame): string | undefined {
  const normalize = step.options.normalize ?? ((frame: WireFrame) => frame);
  let fake = sortSets(normalize(fakeFrame));
  let real = sortSets(normalize(realFrame));
  if (step.check !== undefined) {
    try {
      step.check(fake, real);
    } catch (failure) {
      return (failure as Error).message;
    }
    return undefined;
  }
  switch (step.comparison) {
    case "none":
      return undefined;
    case "sorted":
      fake = sortDeep(fake);
      real = sortDeep(real);
      break;
    case "error":
      if (!isErrorFrame(real))
        return `the real server did not answer an error: ${JSON.stringify(real)}`;
      break;
    case "errorCode":
      if (!isErrorFrame(real) || !isErrorFrame(fake)) {
        return `expected errors, got fake ${JSON.stringify(fake)} / real ${JSON.stringify(real)}`;
      }
      fake = fake.split(" ")[0] ?? "";
      real = real.split(" ")[0] ?? "";
      break;
    case "exact": {
      const tolerance = clockTolerance(step.command);
      if (tolerance !== undefined && step.kind === "call")
        return outsideTolerance(fake, real, tolerance);
      break;
    }
  }
  if (stableKey(fake) === stableKey(real)) return undefined;
  return `fake ${JSON.stringify(fake)} != real ${JSON.stringify(real)}`;
}

function compareExact(fake: WireFrame, expected: WireFrame, source: string): string | undefined {
  if (stableKey(sortSets(fake)) === stableKey(sortSets(expected))) return undefined;
  return `fake ${JSON.stringify(fake)} != ${source}'s ${JSON.stringify(expected)}`;
}

/** Runs a recorded script on both servers; returns one line per mismatch. */
async function replay(
  steps: readonly Step[],
  fake: Connections,
  real: Connections,
  realVersion: string,
): Promise<string[]> {
  const mismatches: string[] = [];
  for (const [index, step] of steps.entries()) {
    const realFrame = await perform(real, step);
    const fakeFrame = await perform(fake, step);
    if (realFrame === undefined || fakeFrame === undefined) continue;
    const silent = [fakeFrame, realFrame].find(
      (frame) => typeof frame === "string" && frame.startsWith("<no reply"),
    );
    const since = step.options.since;
    const older = since !== undefined && !versionAtLeast(realVersion, since.version);
    const problem =
      silent !== undefined
        ? `${silent} (fake ${JSON.stringify(fakeFrame)}, real ${JSON.stringify(realFrame)})`
        : older
          ? compareExact(fakeFrame, since.expect, `Valkey ${since.version}`)
          : compare(step, fakeFrame, realFrame);
    const label =
      step.kind === "receive"
        ? "(receive)"
        : step.kind === "raw"
          ? `raw ${JSON.stringify(step.bytes)}`
          : describeCommand(step.command);
    if (problem !== undefined)
      mismatches.push(`#${index} [${step.connection}] ${label}: ${problem}`);
  }
  return mismatches;
}

/** The reference server's version, from INFO server. */
async function serverVersion(port: number, password: string | undefined): Promise<string> {
  const client = await RawClient.connect(port);
  try {
    if (password !== undefined) await client.call(["AUTH", password]);
    const info = String(await client.call(["INFO", "server"]));
    // Valkey reports `redis_version:7.2.4` for compatibility, and its own version apart.
    const version = /valkey_version:([\d.]+)/.exec(info) ?? /redis_version:([\d.]+)/.exec(info);
    return version?.[1] ?? "0";
  } finally {
    client.close();
  }
}

async function flushAll(port: number, password: string | undefined): Promise<void> {
  const client = await RawClient.connect(port);
  try {
    if (password !== undefined) await client.call(["AUTH", password]);
    await client.call(["FLUSHALL"]);
  } finally {
    client.close();
  }
}

/** Declares a vitest `describe` that runs the script on the fake and on a real server, once per RESP version. */
export function differentialSuite(
  name: string,
  build: (t: Script) => void,
  options: DifferentialOptions = {},
): void {
  const steps: Step[] = [];
  build(recorder(steps, "main"));
  describe(`differential: ${name}`, () => {
    let fakeServer: FakeStandalone;
    let realServer: Awaited<ReturnType<typeof startRealStandalone>>;
    beforeAll(async () => {
      fakeServer = await startStandalone({
        ...options.fake,
        ...(options.password === undefined ? {} : { password: options.password }),
      });
      realServer = await startRealStandalone({
        ...(options.password === undefined ? {} : { password: options.password }),
      });
    }, 30_000);
    afterAll(async () => {
      await fakeServer?.stop();
      await realServer?.stop();
    });
    for (const resp of options.resp ?? [2, 3]) {
      it(`RESP${resp}`, async () => {
        const realPort = realServer.description.addresses[0]?.port as number;
        await flushAll(realPort, options.password);
        await flushAll(fakeServer.port, options.password);
        const login = options.authenticate === false ? undefined : options.password;
        const fake = new Connections(fakeServer.port, resp, login);
        const real = new Connections(realPort, resp, login);
        try {
          const version = await serverVersion(realPort, options.password);
          expect(await replay(steps, fake, real, version)).toEqual([]);
        } finally {
          fake.closeAll();
          real.closeAll();
        }
      }, 30_000);
    }
  });
}
