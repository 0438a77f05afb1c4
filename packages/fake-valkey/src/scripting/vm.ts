// One Lua 5.1 interpreter (vm/lua.wasm, built from Debian's sources by
// vm/build.sh) per server node. The wasm module is compiled once, when a node
// first runs a script; each node gets its own instance, so SCRIPT FLUSH and
// FUNCTION FLUSH reset only that node. Values cross as RESP bytes: see vm/glue.c.

import { createHash } from "node:crypto";
import { LUA_WASM_BASE64 } from "./lua-wasm.js";

/** What the interpreter asks of the server while a script runs. */
export interface LuaHost {
  /** Runs one command (mode 0 call, 1 pcall, 2 acl_check_cmd); returns its RESP reply. */
  call(args: Buffer[], resp: 2 | 3, mode: number): Buffer | undefined;
  /** Called every 100,000 instructions: 0 go on, 1 yield, 2 killed. */
  hook(): number;
  /** A function registered while a library loads; returns an error text to refuse it. */
  registerFunction(
    name: string,
    flags: number,
    description: string | undefined,
  ): string | undefined;
  log(level: number, message: string): void;
}

/** Outcome of running or resuming a script: its RESP reply, or a pause to resume later. */
export type RunResult =
  | { readonly kind: "done"; readonly reply: Buffer }
  | { readonly kind: "error"; readonly reply: Buffer }
  | { readonly kind: "yielded" };

// The TypeScript setup has no DOM library: the little of the WebAssembly API used here.
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  _initialize(): void;
  pl_malloc(n: number): number;
  pl_free(p: number): void;
  pl_out_ptr(): number;
  pl_out_len(): number;
  pl_reply_space(n: number): number;
  pl_args_space(n: number): number;
  pl_init(version: number, versionNum: number): number;
  pl_compile(name: number, body: number, length: number): number;
  pl_forget(name: number): void;
  pl_run(
    name: number,
    display: number,
    nkeys: number,
    nargs: number,
    resp: number,
    isFunction: number,
  ): number;
  pl_resume(): number;
  pl_load_library(code: number, length: number): number;
  pl_commit_library(library: number): void;
  pl_forget_function(key: number): void;
}

/** Lua raised an error outside any protected call: this interpreter must be replaced. */
export class LuaPanic extends Error {}

let compiled: object | undefined;

function wasmModule(): object {
  compiled ??= new wasm.Module(Buffer.from(LUA_WASM_BASE64, "base64"));
  return compiled;
}

export class LuaVm {
  private readonly exports: Exports;
  private host: LuaHost | undefined;
  private readonly names = new Map<string, number>();

  constructor(version: string) {
    let tempRet = 0;
    const fail = (): never => {
      throw new Error("the Lua VM called an unavailable system function");
    };
    const imports = {
      env: {
        getTempRet0: () => tempRet,
        setTempRet0: (value: number) => {
          tempRet = value;
        },
        emscripten_notify_memory_growth: () => {},
        __syscall_dup3: fail,
      },
      wasi_snapshot_preview1: {
        proc_exit: fail,
        fd_write: () => 0,
        fd_read: () => 0,
        fd_close: () => 0,
        fd_seek: () => 0,
      },
      petrel: {
        call: (ptr: number, length: number, argc: number, resp: number, mode: number) =>
          this.onCall(ptr, length, argc, resp, mode),
        hook: () => this.host?.hook() ?? 0,
        sha1hex: (ptr: number, length: number, out: number) => {
          const digest = createHash("sha1").update(this.bytes(ptr, length)).digest("hex");
          this.memory.set(Buffer.from(digest, "latin1"), out);
        },
        panic: (ptr: number) => {
          const bytes = new Uint8Array(this.exports.memory.buffer, ptr);
          const message = Buffer.from(bytes.subarray(0, Math.max(0, bytes.indexOf(0)))).toString();
          throw new LuaPanic(message);
        },
        log: (level: number, ptr: number, length: number) =>
          this.host?.log(level, this.bytes(ptr, length).toString("latin1")),
        register_function: (
          name: number,
          nameLength: number,
          flags: number,
          description: number,
          descriptionLength: number,
        ) => {
          const refused = this.host?.registerFunction(
            this.bytes(name, nameLength).toString("latin1"),
            flags,
            description === 0
              ? undefined
              : this.bytes(description, descriptionLength).toString("latin1"),
          );
          if (refused === undefined) return 0;
          return this.writeReply(Buffer.from(refused, "latin1"));
        },
      },
    };
    const instance = new wasm.Instance(wasmModule(), imports);
    this.exports = instance.exports as unknown as Exports;
    this.exports._initialize();
    const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
    this.withString(version, (ptr) =>
      this.exports.pl_init(ptr, (major << 16) | (minor << 8) | patch),
    );
  }

  private get memory(): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer);
  }

  private bytes(ptr: number, length: number): Buffer {
    return Buffer.from(this.exports.memory.buffer, ptr, length);
  }

  private withString<T>(text: string | Buffer, use: (ptr: number, length: number) => T): T {
    const bytes = typeof text === "string" ? Buffer.from(text, "latin1") : text;
    const ptr = this.exports.pl_malloc(bytes.length + 1);
    this.memory.set(bytes, ptr);
    this.memory[ptr + bytes.length] = 0;
    try {
      return use(ptr, bytes.length);
    } finally {
      this.exports.pl_free(ptr);
    }
  }

  /** A NUL-terminated copy of a script or function name, kept while the interpreter lives. */
  private cString(text: string): number {
    let ptr = this.names.get(text);
    if (ptr === undefined) {
      const bytes = Buffer.from(text, "latin1");
      ptr = this.exports.pl_malloc(bytes.length + 1);
      this.memory.set(bytes, ptr);
      this.memory[ptr + bytes.length] = 0;
      this.names.set(text, ptr);
    }
    return ptr;
  }

  private out(): Buffer {
    return Buffer.from(this.bytes(this.exports.pl_out_ptr(), this.exports.pl_out_len()));
  }

  private writeReply(reply: Buffer): number {
    const ptr = this.exports.pl_reply_space(reply.length);
    this.memory.set(reply, ptr);
    return reply.length;
  }

  private onCall(ptr: number, length: number, argc: number, resp: number, mode: number): number {
    const raw = this.bytes(ptr, length);
    const args: Buffer[] = [];
    let offset = 0;
    for (let i = 0; i < argc; i++) {
      const size = raw.readUInt32LE(offset);
      args.push(Buffer.from(raw.subarray(offset + 4, offset + 4 + size)));
      offset += 4 + size;
    }
    const host = this.host;
    if (host === undefined) return this.writeReply(Buffer.from("-ERR no script running\r\n"));
    const reply = host.call(args, resp === 3 ? 3 : 2, mode);
    return reply === undefined ? -1 : this.writeReply(reply);
  }

  /** Compiles a script body under its name; returns the compiler's message on failure. */
  compile(name: string, body: Buffer): string | undefined {
    const failed = this.withString(name, (namePtr) =>
      this.withString(body, (bodyPtr, length) => this.exports.pl_compile(namePtr, bodyPtr, length)),
    );
    return failed === 0 ? undefined : this.out().toString("latin1");
  }

  forget(name: string): void {
    this.withString(name, (ptr) => this.exports.pl_forget(ptr));
  }

  /** Starts a compiled script (or a library function, keyed `library\nfunction`). */
  run(
    host: LuaHost,
    name: string,
    display: string,
    keys: readonly Buffer[],
    args: readonly Buffer[],
    resp: 2 | 3,
    isFunction: boolean,
  ): RunResult {
    let size = 0;
    for (const item of keys) size += 4 + item.length;
    for (const item of args) size += 4 + item.length;
    const base = this.exports.pl_args_space(size);
    const memory = this.memory;
    const view = new DataView(this.exports.memory.buffer);
    let offset = base;
    for (const list of [keys, args]) {
      for (const item of list) {
        view.setUint32(offset, item.length, true);
        memory.set(item, offset + 4);
        offset += 4 + item.length;
      }
    }
    this.host = host;
    const status = this.exports.pl_run(
      this.cString(name),
      this.cString(display),
      keys.length,
      args.length,
      resp,
      isFunction ? 1 : 0,
    );
    return this.result(status);
  }

  /** Continues a script that yielded to the event loop. */
  resume(host: LuaHost): RunResult {
    this.host = host;
    return this.result(this.exports.pl_resume());
  }

  /** Runs library code; returns the error text, or undefined when it registered its functions. */
  loadLibrary(host: LuaHost, code: Buffer): string | undefined {
    this.host = host;
    const status = this.withString(code, (ptr, length) =>
      this.exports.pl_load_library(ptr, length),
    );
    return status === 0 ? undefined : this.out().toString("latin1");
  }

  /** Makes the functions of the library just loaded callable as `library\nfunction`. */
  commitLibrary(library: string): void {
    this.withString(library, (ptr) => this.exports.pl_commit_library(ptr));
  }

  forgetFunction(library: string, name: string): void {
    this.withString(`${library}\n${name}`, (ptr) => this.exports.pl_forget_function(ptr));
  }

  private result(status: number): RunResult {
    if (status === 1) return { kind: "yielded" };
    const reply = this.out();
    return status === 0 ? { kind: "done", reply } : { kind: "error", reply };
  }
}
