// Generated client methods build their Command before sending it, and a builder
// throws on bad input. GLIDE's methods are async, so callers expect a rejected
// promise, not a synchronous throw: this wraps each generated method accordingly.

type AnyMethod = (this: unknown, ...args: unknown[]) => unknown;

/** Makes each named method on `prototype` return a rejected promise instead of throwing. */
export function rejectInsteadOfThrowing(prototype: object, names: Iterable<string>): void {
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    const method = descriptor?.value as AnyMethod | undefined;
    if (typeof method !== "function") continue;
    Object.defineProperty(prototype, name, {
      ...descriptor,
      value: {
        [name](this: unknown, ...args: unknown[]): unknown {
          try {
            return method.apply(this, args);
          } catch (error) {
            return Promise.reject(error);
          }
        },
      }[name],
    });
  }
}
