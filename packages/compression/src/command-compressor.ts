// Rewrites commands for one client (the client's compression hook): refuses the
// commands GLIDE refuses, compresses the values of the SET family, and gives the
// GET family a parser that expands the reply before the command's own parser
// shapes it. Commands are never changed in place: a rewritten command is a copy.
import type {
  CommandCompressor,
  CompressionCounters,
  PreparedBatch,
  ResolvedCompressionSettings,
} from "@petrel/client";
import { type Command, type CommandSpec, Decoder, type ReplyParser } from "@petrel/commands";
import { type CommandArg, RequestError, type RespValue } from "@petrel/protocol";
import { loadCodecs, loadedCodecs } from "./codecs/load.js";
import { expandReply, toStrings } from "./reply-shapes.js";
import { COMPRESSED_VALUES, DECOMPRESSED_REPLIES, refusalMessage } from "./rules.js";
import { ValueCompressor } from "./value-compressor.js";

/** What a rewritten command carries in `meta` for its parser. */
interface Rewrite {
  readonly original: Command<unknown>;
  readonly values: ValueCompressor;
  /** Expand the reply's values (GET family). */
  readonly expand: boolean;
  /** The caller asked for strings; the command is read as Buffers. */
  readonly toStrings: boolean;
}

/** One parser for every rewritten command: no closure per request. */
const parseRewritten: ReplyParser<unknown> = (reply, command, context) => {
  const rewrite = command.meta as Rewrite;
  let value: RespValue = reply;
  // A single value wanted as a string (GET): expanded straight into the string.
  if (rewrite.expand && rewrite.toStrings && Buffer.isBuffer(reply))
    return rewrite.original.spec.parse(
      rewrite.values.decompressText(reply),
      rewrite.original,
      context,
    );
  if (rewrite.expand) value = expandReply(value, rewrite.values);
  if (rewrite.toStrings) value = toStrings(value);
  return rewrite.original.spec.parse(value, rewrite.original, context);
};

/** One rewritten spec per command spec, made once. */
const rewrittenSpecs = new WeakMap<CommandSpec<unknown>, CommandSpec<unknown>>();

function rewrittenSpec(spec: CommandSpec<unknown>): CommandSpec<unknown> {
  let rewritten = rewrittenSpecs.get(spec);
  if (rewritten === undefined) {
    // Specs may be class instances whose data are getters: copy each field by name.
    rewritten = {
      name: spec.name,
      glideName: spec.glideName,
      arity: spec.arity,
      flags: spec.flags,
      keys: spec.keys,
      request: spec.request,
      response: spec.response,
      parse: parseRewritten,
    };
    rewrittenSpecs.set(spec, rewritten);
  }
  return rewritten;
}

class ClientCompressor implements CommandCompressor {
  loading: Promise<void> | undefined;
  #values: ValueCompressor | undefined;

  constructor(settings: ResolvedCompressionSettings, counters: CompressionCounters) {
    const codecs = loadedCodecs();
    if (codecs !== undefined) {
      this.#values = new ValueCompressor(settings, codecs, counters);
      return;
    }
    const loading = loadCodecs().then(
      (loaded) => {
        this.#values = new ValueCompressor(settings, loaded, counters);
        this.loading = undefined;
      },
      (error: unknown) => {
        const failure = new RequestError(
          `Compression codecs could not be loaded: ${String(error)}`,
        );
        failure.cause = error;
        throw failure;
      },
    );
    // Requests that wait on it get the error; nobody waiting is not a crash.
    loading.catch(() => {});
    this.loading = loading;
  }

  prepare<T>(command: Command<T>, defaultDecoder: Decoder): Command<T> | Promise<Command<T>> {
    const values = this.#ready();
    const args = this.#compressArgs(command.spec.name, command.args, values);
    if (args instanceof Promise)
      return args.then((sent) => this.#prepared(command, sent, values, defaultDecoder));
    return this.#prepared(command, args, values, defaultDecoder);
  }

  prepareBatch(
    commands: readonly Command<unknown>[],
    decoder: Decoder,
  ): PreparedBatch | Promise<PreparedBatch> {
    const values = this.#ready();
    let waits = false;
    const argsOf = commands.map((command) => {
      const args = this.#compressArgs(command.spec.name, command.args, values);
      if (args instanceof Promise) waits = true;
      return args;
    });
    if (waits)
      return Promise.all(argsOf).then((sent) =>
        this.#preparedBatch(commands, sent, values, decoder),
      );
    return this.#preparedBatch(commands, argsOf as CommandArg[][], values, decoder);
  }

  #prepared<T>(
    command: Command<T>,
    args: CommandArg[],
    values: ValueCompressor,
    defaultDecoder: Decoder,
  ): Command<T> {
    if (!DECOMPRESSED_REPLIES.has(command.spec.name))
      return args === command.args ? command : { ...command, args };
    const wantsStrings = (command.decoder ?? defaultDecoder) === Decoder.String;
    return this.#rewrite(
      command as Command<unknown>,
      args,
      values,
      true,
      wantsStrings,
    ) as Command<T>;
  }

  #preparedBatch(
    commands: readonly Command<unknown>[],
    argsOf: readonly CommandArg[][],
    values: ValueCompressor,
    decoder: Decoder,
  ): PreparedBatch {
    const withArgs = (command: Command<unknown>, args: CommandArg[]) =>
      args === command.args ? command : { ...command, args };
    if (!commands.some((command) => DECOMPRESSED_REPLIES.has(command.spec.name))) {
      return {
        commands: commands.map((command, index) =>
          withArgs(command, argsOf[index] as CommandArg[]),
        ),
        decoder,
      };
    }
    // The batch is read as Buffers; commands are given strings back when asked for.
    const wantsStrings = decoder === Decoder.String;
    const rewritten = commands.map((command, index) => {
      const args = argsOf[index] as CommandArg[];
      const expand = DECOMPRESSED_REPLIES.has(command.spec.name);
      if (!expand && !wantsStrings) return withArgs(command, args);
      return this.#rewrite(command, args, values, expand, wantsStrings);
    });
    return { commands: rewritten, decoder: Decoder.Bytes };
  }

  #ready(): ValueCompressor {
    const values = this.#values;
    // The client waits on `loading` before calling in; reaching here early is a bug.
    if (values === undefined) throw new RequestError("Compression codecs are still loading");
    return values;
  }

  /**
   * Throws GLIDE's refusal, or returns the arguments with their values compressed
   * (a promise when a value compresses on a worker thread).
   */
  #compressArgs(
    name: string,
    args: CommandArg[],
    values: ValueCompressor,
  ): CommandArg[] | Promise<CommandArg[]> {
    const refusal = refusalMessage(name);
    if (refusal !== undefined) throw new RequestError(refusal);
    const positions = COMPRESSED_VALUES.get(name);
    if (positions === undefined) return args;
    let out = args;
    let waits: Promise<void>[] | undefined;
    for (let index = positions.first; index < args.length; index += positions.step || args.length) {
      const value = args[index] as CommandArg;
      const sent = values.compress(value);
      if (sent === value) continue;
      if (out === args) out = args.slice();
      if (sent instanceof Promise) {
        const copy = out;
        const at = index;
        waits ??= [];
        waits.push(
          sent.then((compressed) => {
            copy[at] = compressed;
          }),
        );
      } else {
        out[index] = sent;
      }
    }
    if (waits === undefined) return out;
    const done = out;
    return Promise.all(waits).then(() => done);
  }

  #rewrite(
    command: Command<unknown>,
    args: CommandArg[],
    values: ValueCompressor,
    expand: boolean,
    wantsStrings: boolean,
  ): Command<unknown> {
    const meta: Rewrite = { original: command, values, expand, toStrings: wantsStrings };
    return { ...command, args, decoder: Decoder.Bytes, spec: rewrittenSpec(command.spec), meta };
  }
}

/** The factory `registerCompression()` gives the client. */
export function createCommandCompressor(
  settings: ResolvedCompressionSettings,
  counters: CompressionCounters,
): CommandCompressor {
  return new ClientCompressor(settings, counters);
}
