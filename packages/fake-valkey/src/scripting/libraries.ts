// A node's function libraries (FUNCTION LOAD): the metadata line, the
// registration rules and errors of the server, and the registry that FCALL,
// FUNCTION LIST, STATS, DELETE, FLUSH, DUMP and RESTORE read.

import type { LuaHost, LuaVm } from "./vm.js";
import { FUNCTION_FLAGS } from "./vm-flags.js";

export interface FunctionInfo {
  readonly name: string;
  readonly library: string;
  readonly flags: readonly string[];
  readonly description: string | undefined;
}

export interface Library {
  readonly name: string;
  readonly code: Buffer;
  readonly functions: ReadonlyMap<string, FunctionInfo>;
}

const NAME = /^[A-Za-z0-9_]+$/;

/** Reads `#!lua name=<library>`; returns the library name or the server's error. */
export function libraryMetadata(code: Buffer): { name: string } | { error: string } {
  const text = code.toString("latin1");
  if (!text.startsWith("#!")) return { error: "ERR Missing library metadata" };
  const end = text.indexOf("\n");
  const line = text.slice(2, end < 0 ? undefined : end);
  const [engine = "", ...params] = line.split(" ").filter((part) => part !== "");
  if (engine.toLowerCase() !== "lua") return { error: `ERR Engine '${engine}' not found` };
  let name: string | undefined;
  for (const param of params) {
    if (param.startsWith("name=")) name = param.slice(5);
    else return { error: `ERR Invalid metadata value given: ${param}` };
  }
  if (name === undefined) return { error: "ERR Library name was not given" };
  if (!NAME.test(name))
    return {
      error:
        "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long",
    };
  return { name };
}

/** The code Lua compiles: the metadata line becomes a comment so line numbers hold. */
export function withoutShebang(code: Buffer): Buffer {
  const copy = Buffer.from(code);
  copy.write("--", 0, "latin1");
  return copy;
}

export class LibraryRegistry {
  readonly libraries = new Map<string, Library>();
  /** Function name → its library's name. */
  readonly functions = new Map<string, FunctionInfo>();

  /** FUNCTION LOAD [REPLACE]: returns the library name or an error text. */
  load(vm: LuaVm, code: Buffer, replace: boolean): { name: string } | { error: string } {
    const metadata = libraryMetadata(code);
    if ("error" in metadata) return metadata;
    const name = metadata.name;
    const existing = this.libraries.get(name);
    if (existing !== undefined && !replace)
      return { error: `ERR Library '${name}' already exists` };
    const registered = new Map<string, FunctionInfo>();
    const host: LuaHost = {
      call: () => Buffer.from("-ERR redis.call is not available while loading a library\r\n"),
      hook: () => 0,
      log: () => {},
      registerFunction: (functionName, flags, description) => {
        if (!NAME.test(functionName))
          return "Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";
        if (registered.has(functionName)) return "Function already exists in the library";
        registered.set(functionName, {
          name: functionName,
          library: name,
          flags: FUNCTION_FLAGS.filter((_, bit) => (flags & (1 << bit)) !== 0),
          description,
        });
        return undefined;
      },
    };
    const failure = vm.loadLibrary(host, withoutShebang(code));
    if (failure !== undefined) return { error: `ERR ${failure}` };
    if (registered.size === 0) return { error: "ERR No functions registered" };
    for (const functionName of registered.keys()) {
      const owner = this.functions.get(functionName);
      if (owner !== undefined && owner.library !== name)
        return { error: `ERR Function ${functionName} already exists` };
    }
    if (existing !== undefined) this.remove(vm, existing);
    vm.commitLibrary(name);
    this.libraries.set(name, { name, code, functions: registered });
    for (const info of registered.values()) this.functions.set(info.name, info);
    return { name };
  }

  /** Loads every library into a new interpreter (after the previous one failed). */
  reloadInto(vm: LuaVm): void {
    const codes = [...this.libraries.values()].map((library) => library.code);
    this.libraries.clear();
    this.functions.clear();
    for (const code of codes) this.load(vm, code, true);
  }

  /** FUNCTION DELETE. */
  delete(vm: LuaVm | undefined, name: string): boolean {
    const library = this.libraries.get(name);
    if (library === undefined) return false;
    this.remove(vm, library);
    return true;
  }

  /** FUNCTION FLUSH. */
  flush(vm: LuaVm | undefined): void {
    for (const library of [...this.libraries.values()]) this.remove(vm, library);
  }

  private remove(vm: LuaVm | undefined, library: Library): void {
    for (const info of library.functions.values()) {
      vm?.forgetFunction(library.name, info.name);
      this.functions.delete(info.name);
    }
    this.libraries.delete(library.name);
  }
}
