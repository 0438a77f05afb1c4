// Turns records of command factories into client and batch methods, so the
// clients and batches are generated from the same definitions, never written twice.
import type { Command } from "./command.js";

/** Client methods: same parameters as the factory, resolving to the command's result. */
export type ClientMethods<F> = {
  [K in keyof F]: F[K] extends (...args: infer A) => Command<infer T>
    ? (...args: A) => Promise<T>
    : never;
};

/** Batch methods: same parameters as the factory, returning the batch for chaining. */
export type BatchMethods<F, Self> = {
  [K in keyof F]: F[K] extends (...args: infer A) => Command<unknown>
    ? (...args: A) => Self
    : never;
};

/** Any record of command factories. */
export type CommandFactories = Record<string, (...args: never[]) => Command<unknown>>;

/**
 * Defines one method per factory on `prototype`: the method builds the command
 * and hands it to `invoke` (a client sends it, a batch queues it and returns itself).
 * Methods are non-enumerable like class methods; a name already defined on the
 * prototype (a hand-written method) is left alone.
 *
 * A factory throws on bad input (a TypeError naming the problem). Without
 * `onBuildError` the method throws it; a client passes
 * `(self, error) => Promise.reject(error)` so that its async methods reject instead.
 *
 * Returns the names it defined (every factory's, minus those already on the prototype).
 */
export function installCommandMethods(
  prototype: object,
  factories: CommandFactories,
  invoke: (self: never, command: Command<unknown>) => unknown,
  onBuildError?: (self: never, error: unknown) => unknown,
): string[] {
  useDictionaryProperties(prototype);
  const installed: string[] = [];
  for (const name of Object.keys(factories)) {
    if (Object.hasOwn(prototype, name)) continue;
    installed.push(name);
    const build = factories[name] as (...args: unknown[]) => Command<unknown>;
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      writable: true,
      value: {
        // A named method shows up as such in stack traces.
        [name](this: never, a?: unknown, b?: unknown, c?: unknown): unknown {
          let command: Command<unknown>;
          try {
            // Passing the common arities by name avoids the rest array a
            // `...args` wrapper allocates on every call; the count is kept, so a
            // factory with optional or rest parameters sees what the caller passed.
            // biome-ignore lint/complexity/noArguments: the count without a rest array is the point
            switch (arguments.length) {
              case 0:
                command = build();
                break;
              case 1:
                command = build(a);
                break;
              case 2:
                command = build(a, b);
                break;
              case 3:
                command = build(a, b, c);
                break;
              default:
                // biome-ignore lint/complexity/noArguments: rare arities pay for the copy
                command = build(...(arguments as unknown as unknown[]));
            }
          } catch (error) {
            if (onBuildError) return onBuildError(this, error);
            throw error;
          }
          return invoke(this, command);
        },
      }[name],
    });
  }
  return installed;
}

/**
 * Adding hundreds of properties one by one to a fast-mode object makes V8 build
 * a hidden class per property (about 3 ms for the two clients at import); deleting
 * a property first switches the object to dictionary properties, where each
 * addition is a hash insert. V8 turns a prototype back into fast mode on its
 * first use, so method calls are as fast either way.
 */
const useDictionaryProperties = (target: object): void => {
  const scratch = Symbol("dictionary-mode");
  Object.defineProperty(target, scratch, { configurable: true, value: undefined });
  Reflect.deleteProperty(target, scratch);
};
