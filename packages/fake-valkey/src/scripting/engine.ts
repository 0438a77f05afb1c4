// A node's scripting state: the scripts it has seen (EVAL and SCRIPT LOAD
// cache them by SHA1) and its Lua interpreter. The interpreter's module (and
// the wasm it embeds) is imported when a node first needs it, so a fake that
// never runs a script never loads it; a command that arrives before it is
// ready waits for it the way a blocked command waits, then runs.

import type { ReplyFrame } from "@petrel/protocol";
import type { Outcome } from "../server/command-table.js";
import { error } from "../server/frames.js";
import { nodeCrypto } from "../server/lazy-crypto.js";
import { overMaxmemory } from "../server/memory.js";
import type { FakeNode } from "../server/node.js";
import type { Session } from "../server/session.js";
import { scriptFlags } from "./arguments.js";
import { type FunctionInfo, LibraryRegistry, withoutShebang } from "./libraries.js";
import { ScriptCall } from "./script-call.js";
import type { LuaHost, LuaVm, RunResult } from "./vm.js";

type VmModule = typeof import("./vm.js");

let vmModule: VmModule | undefined;
let vmLoading: Promise<VmModule> | undefined;

function loadVmModule(): Promise<VmModule> {
  vmLoading ??= import("./vm.js").then((loaded) => {
    vmModule = loaded;
    return loaded;
  });
  return vmLoading;
}

const engines = new WeakMap<FakeNode, ScriptEngine>();

/** The script a node runs past busy-reply-threshold, without creating any scripting state. */
export function runningScript(node: FakeNode): RunningScript | undefined {
  return engines.get(node)?.busy;
}

/** The scripting state of a node. */
export function scriptEngine(node: FakeNode): ScriptEngine {
  let engine = engines.get(node);
  if (engine === undefined) {
    engine = new ScriptEngine(node);
    engines.set(node, engine);
  }
  return engine;
}

/** The flags a cached script declares in its `#!lua flags=…` line. */
function scriptFlagsOf(body: Buffer | undefined): readonly string[] {
  if (body === undefined) return [];
  const parsed = scriptFlags(body);
  return "flags" in parsed ? parsed.flags : [];
}

/** The source Lua compiles for a script body: a `#!` line becomes a comment. */
function scriptSource(body: Buffer): Buffer {
  return body[0] === 0x23 && body[1] === 0x21 ? withoutShebang(body) : body;
}

/**
 * The SHA1 of a script body, in lowercase hex. node:crypto is required on the first
 * call, not at import, so a fake that never sees a script does not load it (and a
 * client test can check that the client alone never loads it).
 */
export function sha1hex(body: Buffer): string {
  return nodeCrypto().createHash("sha1").update(body).digest("hex");
}

/**
 * Runs `work` with the node's interpreter: at once when it is loaded, else
 * after loading it, holding back the client's later requests meanwhile.
 */
export function withVm(session: Session, work: (vm: LuaVm) => Outcome): Outcome {
  const engine = scriptEngine(session.node);
  return afterVmLoads(session, () => {
    const vm = engine.vmIfLoaded();
    if (vm === undefined) return error("ERR the Lua engine is not loaded");
    try {
      return work(vm);
    } catch (thrown) {
      engine.discardVm();
      return error(`ERR ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    }
  });
}

/**
 * Runs `work` once the interpreter's module is loaded: at once when it is,
 * else after loading it, holding back the client's later requests meanwhile.
 * EXEC waits here when it queued a scripting command, since nothing can wait
 * inside a transaction.
 */
export function afterVmLoads(session: Session, work: () => Outcome): Outcome {
  if (vmModule !== undefined) return work();
  let settled = false;
  const request = {
    keys: [],
    timeoutMs: 0,
    attempt: () => {
      if (vmModule === undefined || settled) return undefined;
      settled = true;
      return replyNow(session, work());
    },
    timeoutReply: () => error("ERR the Lua engine is still loading, try again"),
  };
  loadVmModule().then(
    () => {
      if (settled || session.isClosed) return;
      settled = true;
      const outcome = work();
      // A script past busy-reply-threshold unblocks the client itself when it ends.
      if ("block" in outcome) return;
      if ("frames" in outcome) {
        const [first = error("ERR no reply"), ...more] = outcome.frames;
        session.node.unblockWith(session, first);
        for (const frame of more) session.send(frame);
      } else {
        session.node.unblockWith(session, outcome);
      }
      session.node.propagate();
    },
    (thrown: unknown) => {
      settled = true;
      session.node.unblockWith(session, error(`ERR ${String(thrown)}`));
    },
  );
  return { block: request };
}

/** The reply of an outcome, finishing a script that would otherwise continue later. */
function replyNow(session: Session, outcome: Outcome): ReplyFrame {
  if ("block" in outcome)
    return outcome.block.attempt(session.dataContext()) ?? outcome.block.timeoutReply();
  if ("frames" in outcome) return outcome.frames[0] ?? error("ERR no reply");
  return outcome;
}

export class ScriptEngine {
  /** SHA1 (lower case) → body, in load order. */
  readonly scripts = new Map<string, Buffer>();
  readonly libraries = new LibraryRegistry();
  /** The script running past busy-reply-threshold, while other clients get BUSY. */
  busy: RunningScript | undefined;
  private interpreter: LuaVm | undefined;

  constructor(private readonly node: FakeNode) {}

  /** The interpreter once its module is loaded (created on first use). */
  vmIfLoaded(): LuaVm | undefined {
    if (this.interpreter === undefined && vmModule !== undefined) {
      const vm = new vmModule.LuaVm(this.node.version.redis);
      // A replacement after a failure gets back the scripts and libraries of the old one.
      for (const [sha, body] of this.scripts) vm.compile(sha, scriptSource(body));
      this.interpreter = vm;
      this.libraries.reloadInto(vm);
    }
    return this.interpreter;
  }

  /** Drops an interpreter that failed (a wasm trap or a Lua panic); the next use makes another. */
  discardVm(): void {
    this.interpreter = undefined;
  }

  /** Caches a script; returns its SHA1, or the compile error reply. */
  load(vm: LuaVm, body: Buffer): { sha: string } | { error: string } {
    const sha = sha1hex(body);
    if (this.scripts.has(sha)) return { sha };
    const failure = vm.compile(sha, scriptSource(body));
    if (failure !== undefined)
      return { error: `ERR Error compiling script (new function): ${failure}` };
    this.scripts.set(sha, body);
    return { sha };
  }

  /** SCRIPT FLUSH: forgets every script of this node. */
  flush(): void {
    for (const sha of this.scripts.keys()) this.interpreter?.forget(sha);
    this.scripts.clear();
  }

  /** Runs a cached script for a client and returns the reply to send. */
  run(
    vm: LuaVm,
    session: Session,
    sha: string,
    keys: readonly Buffer[],
    args: readonly Buffer[],
    readOnly: boolean,
  ): Outcome {
    const flags = scriptFlagsOf(this.scripts.get(sha));
    return this.execute(vm, session, sha, sha, keys, args, readOnly, false, flags);
  }

  /** Runs a library function (FCALL). */
  runFunction(
    vm: LuaVm,
    session: Session,
    info: FunctionInfo,
    keys: readonly Buffer[],
    args: readonly Buffer[],
    readOnly: boolean,
  ): Outcome {
    const key = `${info.library}\n${info.name}`;
    return this.execute(vm, session, key, info.name, keys, args, readOnly, true, info.flags);
  }

  private execute(
    vm: LuaVm,
    session: Session,
    name: string,
    display: string,
    keys: readonly Buffer[],
    args: readonly Buffer[],
    readOnly: boolean,
    isFunction: boolean,
    flags: readonly string[],
  ): Outcome {
    const call = new ScriptCall(
      session,
      readOnly,
      keys,
      flags.includes("allow-cross-slot-keys"),
      !flags.includes("allow-oom") && overMaxmemory(this.node),
    );
    const run = new RunningScript(this.node, call, isFunction, display);
    const host: LuaHost = {
      call: (commandArgs, resp, mode) => call.call(commandArgs, resp, mode),
      hook: () => run.hook(),
      registerFunction: () =>
        "ERR redis.register_function can only be called on FUNCTION LOAD command",
      log: () => {},
    };
    const first = vm.run(host, name, display, keys, args, session.resp, isFunction);
    if (first.kind !== "yielded") return { type: "raw", bytes: first.reply };
    // Past busy-reply-threshold: the script goes on in slices between which
    // other clients get BUSY and may send SCRIPT KILL / FUNCTION KILL.
    this.busy = run;
    const finish = (result: RunResult & { kind: "done" | "error" }): ReplyFrame => {
      if (this.busy === run) this.busy = undefined;
      return { type: "raw", bytes: result.reply };
    };
    const toEnd = (): ReplyFrame => {
      run.unsliced = true;
      let result = vm.resume(host);
      while (result.kind === "yielded") result = vm.resume(host);
      return finish(result);
    };
    let settled = false;
    const slice = (): void => {
      if (settled) return;
      let result: RunResult;
      try {
        run.startSlice();
        result = vm.resume(host);
      } catch (thrown) {
        settled = true;
        this.busy = undefined;
        this.discardVm();
        this.node.unblockWith(session, error(`ERR ${String(thrown)}`));
        return;
      }
      if (result.kind === "yielded") {
        setImmediate(slice);
        return;
      }
      settled = true;
      this.node.unblockWith(session, finish(result));
      this.node.propagate();
    };
    setImmediate(slice);
    return {
      block: {
        keys: [],
        timeoutMs: 0,
        // Inside EXEC nothing waits: the script runs to its end at once.
        attempt: () => {
          if (settled) return undefined;
          settled = true;
          return toEnd();
        },
        timeoutReply: () => error("ERR script interrupted"),
      },
    };
  }
}

/** A script being run: its start, its time slices, and whether it was killed. */
export class RunningScript {
  private readonly startedAt = performance.now();
  private sliceStartedAt = 0;
  killed = false;
  /** Set when the script must run to its end without yielding (inside EXEC). */
  unsliced = false;

  constructor(
    private readonly node: FakeNode,
    readonly call: ScriptCall,
    readonly isFunction: boolean,
    readonly name: string,
  ) {}

  startSlice(): void {
    this.sliceStartedAt = performance.now();
  }

  /** The count hook: 0 go on, 1 yield to the event loop, 2 killed. */
  hook(): number {
    if (this.killed) return 2;
    if (this.unsliced) return 0;
    const now = performance.now();
    const threshold = busyThreshold(this.node);
    if (threshold <= 0 || now - this.startedAt < threshold) return 0;
    return now - this.sliceStartedAt >= SLICE_MS ? 1 : 0;
  }
}

/** How long a script runs inside one turn of the event loop once it is past the threshold. */
const SLICE_MS = 20;

/** busy-reply-threshold, or its older name lua-time-limit when only that was changed. */
function busyThreshold(node: FakeNode): number {
  const value = node.config.get("busy-reply-threshold");
  return Number(value === "5000" ? node.config.get("lua-time-limit") : value);
}
