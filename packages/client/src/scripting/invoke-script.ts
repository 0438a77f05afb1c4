// invokeScript's rule, shared by the clients: EVALSHA first; on NOSCRIPT load
// the script with SCRIPT LOAD and run EVALSHA once more.
import {
  type Command,
  type Decoder,
  evalsha,
  type GlideReturnType,
  scriptLoad,
} from "@petrel/commands";
import { type GlideString, RequestError, serverErrorCode } from "@petrel/protocol";
import { Script } from "./script.js";

export interface InvokeScriptOptions {
  keys?: GlideString[];
  args?: GlideString[];
  decoder?: Decoder;
}

type Send = <T>(command: Command<T>) => Promise<T>;

export async function invokeScript(
  send: Send,
  script: Script,
  options: InvokeScriptOptions = {},
): Promise<GlideReturnType> {
  if (!(script instanceof Script)) throw new RequestError("invokeScript needs a Script");
  const run = (): Promise<GlideReturnType> =>
    send(
      evalsha(script.getHash(), options.keys ?? [], options.args ?? [], {
        decoder: options.decoder,
      }),
    );
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof RequestError) || serverErrorCode(error) !== "NOSCRIPT") throw error;
    const code = script.source;
    if (code === undefined) throw error;
    await send(scriptLoad(code));
    return run();
  }
}
