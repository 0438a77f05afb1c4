// GLIDE's JsonBatch: the valkey-json commands as static helpers taking a batch
// first, `JsonBatch.set(batch, key, "$", value)`, which queue the command and
// return the batch. The Commands are json-commands.ts's, the same GlideJson
// sends, so a batch's results have GlideJson's shapes. The client never
// imports @petrel/batch: any object with `addCommand` (Batch, ClusterBatch) will do.
import type { Command, ConditionalChange, GlideString } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import {
  type JsonArrPopOptions,
  type JsonGetOptions,
  type JsonPathOption,
  jsonCommands,
} from "./json-commands.js";

/** What JsonBatch needs from a batch: @petrel/batch's `addCommand`. */
export interface JsonBatchTarget {
  addCommand(command: Command<unknown>): unknown;
}

/** Queues the built command on `batch` and returns `batch`; a non-batch throws RequestError. */
function queueOn<B extends JsonBatchTarget>(batch: B, command: () => Command<unknown>): B {
  if (batch === null || typeof batch !== "object" || typeof batch.addCommand !== "function") {
    throw new RequestError("The first argument must be a Batch or ClusterBatch");
  }
  batch.addCommand(command());
  return batch;
}

export class JsonBatch {
  static set<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    path: GlideString,
    value: GlideString,
    options?: { conditionalChange: ConditionalChange },
  ): B {
    return queueOn(batch, () => jsonCommands.set(key, path, value, options));
  }

  static get<B extends JsonBatchTarget>(batch: B, key: GlideString, options?: JsonGetOptions): B {
    return queueOn(batch, () => jsonCommands.get(key, options));
  }

  static mget<B extends JsonBatchTarget>(batch: B, keys: GlideString[], path: GlideString): B {
    return queueOn(batch, () => jsonCommands.mget(keys, path));
  }

  static arrinsert<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    path: GlideString,
    index: number,
    values: GlideString[],
  ): B {
    return queueOn(batch, () => jsonCommands.arrinsert(key, path, index, values));
  }

  static arrpop<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonArrPopOptions,
  ): B {
    return queueOn(batch, () => jsonCommands.arrpop(key, options));
  }

  static arrlen<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.arrlen(key, options));
  }

  static arrtrim<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    path: GlideString,
    start: number,
    end: number,
  ): B {
    return queueOn(batch, () => jsonCommands.arrtrim(key, path, start, end));
  }

  static arrindex<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    path: GlideString,
    scalar: GlideString | number | boolean | null,
    options?: { start: number; end?: number },
  ): B {
    return queueOn(batch, () => jsonCommands.arrindex(key, path, scalar, options));
  }

  static toggle<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.toggle(key, options));
  }

  static del<B extends JsonBatchTarget>(batch: B, key: GlideString, options?: JsonPathOption): B {
    return queueOn(batch, () => jsonCommands.del(key, options));
  }

  static forget<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.forget(key, options));
  }

  static type<B extends JsonBatchTarget>(batch: B, key: GlideString, options?: JsonPathOption): B {
    return queueOn(batch, () => jsonCommands.type(key, options));
  }

  static clear<B extends JsonBatchTarget>(batch: B, key: GlideString, options?: JsonPathOption): B {
    return queueOn(batch, () => jsonCommands.clear(key, options));
  }

  static resp<B extends JsonBatchTarget>(batch: B, key: GlideString, options?: JsonPathOption): B {
    return queueOn(batch, () => jsonCommands.resp(key, options));
  }

  static strlen<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.strlen(key, options));
  }

  static strappend<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    value: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.strappend(key, value, options));
  }

  static arrappend<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    path: GlideString,
    values: GlideString[],
  ): B {
    return queueOn(batch, () => jsonCommands.arrappend(key, path, values));
  }

  static debugMemory<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.debugMemory(key, options));
  }

  static debugFields<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.debugFields(key, options));
  }

  static numincrby<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    path: GlideString,
    num: number,
  ): B {
    return queueOn(batch, () => jsonCommands.numincrby(key, path, num));
  }

  static nummultby<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    path: GlideString,
    num: number,
  ): B {
    return queueOn(batch, () => jsonCommands.nummultby(key, path, num));
  }

  static objlen<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.objlen(key, options));
  }

  static objkeys<B extends JsonBatchTarget>(
    batch: B,
    key: GlideString,
    options?: JsonPathOption,
  ): B {
    return queueOn(batch, () => jsonCommands.objkeys(key, options));
  }
}
