// The factory of a command whose arguments are its name's tokens followed by the
// factory's parameters in order. About half the definitions have that shape; one
// shared builder instead of a function each keeps them out of every app bundle
// (README "Package size"). The definition still states the factory's signature.
// Definitions mark their module-level calls `/* @__PURE__ */`: esbuild honours this
// function's `@__NO_SIDE_EFFECTS__` only for calls in this module, and without the mark
// an app keeps every definition, used or not.
import type { Command, CommandArg, CommandSpec, DecoderOption, RouteOption } from "./command.js";
import { command } from "./spec.js";

/** `positional` form flag: the last parameter is an array whose items follow one by one. */
export const SPREAD_LAST = 1;
/** `positional` form flag: an optional `{ decoder }` follows the parameters. */
export const DECODED = 2;
/** `positional` form flag: an optional `{ route }` follows the parameters (cluster variants). */
export const ROUTED = 4;

/**
 * A factory sending `spec`'s name tokens ("CONFIG GET" → CONFIG, GET), then its first
 * `params` parameters in order. `forms` add {@link SPREAD_LAST}, {@link DECODED} and
 * {@link ROUTED} (both read the one options object after the parameters), each its own
 * argument: `positional(HMGET, 2, SPREAD_LAST, DECODED)`. (Separate arguments, not
 * `SPREAD_LAST | DECODED`: a bundler cannot tell that `|` on imported constants is pure,
 * and would keep a definition no method uses.)
 * The caller states the factory's type:
 * `export const strlen: (key: GlideString) => Command<number> = positional(STRLEN, 1);`
 */
/* @__NO_SIDE_EFFECTS__ */
export function positional<F extends (...args: never[]) => Command<unknown>>(
  spec: CommandSpec<unknown>,
  params: number,
  ...forms: number[]
): F {
  let form = 0;
  for (const flag of forms) form |= flag;
  const tokens = spec.name.split(" ");
  const spreadAt = (form & SPREAD_LAST) === 0 ? -1 : params - 1;
  const decoded = (form & DECODED) !== 0;
  const routed = (form & ROUTED) !== 0;
  const build = (...given: unknown[]): Command<unknown> => {
    const args: CommandArg[] = tokens.slice();
    for (let i = 0; i < params; i++) {
      // A loop, not push(...items): a spread argument list has a length limit.
      if (i === spreadAt) for (const item of given[i] as CommandArg[]) args.push(item);
      else args.push(given[i] as CommandArg);
    }
    const options = given[params] as (DecoderOption & RouteOption) | undefined;
    const decoder = decoded ? options?.decoder : undefined;
    return command(spec, args, decoder, routed ? { route: options?.route } : undefined);
  };
  return build as unknown as F;
}
