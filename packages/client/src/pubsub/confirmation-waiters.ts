// Callers waiting until the server has confirmed a set of subscriptions. Shared
// by the standalone Pub/Sub manager and the cluster's sharded subscribers.
import { ClosingError, TimeoutError } from "@petrel/protocol";

interface Waiter {
  readonly done: () => boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class ConfirmationWaiters {
  #waiters: Waiter[] = [];

  readonly #what: string;

  /** `what` names the subscriptions in the timeout message ("Pub/Sub", "Sharded"). */
  constructor(what: string) {
    this.#what = what;
  }

  /** Resolves once `done()` holds (checked on every `settle`), rejects after `timeoutMs` (0 = never). */
  waitFor(done: () => boolean, timeoutMs: number, closed: boolean): Promise<void> {
    if (closed) return Promise.reject(new ClosingError("The client is closed"));
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.push(waiter);
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((other) => other !== waiter);
          reject(
            new TimeoutError(`${this.#what} subscription not confirmed within ${timeoutMs} ms`),
          );
        }, timeoutMs);
      }
    });
  }

  /** Resolves every waiter whose condition now holds. */
  settle(): void {
    const pending: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.done()) waiter.resolve();
      else pending.push(waiter);
    }
    this.#waiters = pending;
  }

  /** Rejects every waiter. */
  rejectAll(error: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }
}
