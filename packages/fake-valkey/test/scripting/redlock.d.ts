// The part of redlock 4's API the scripting tests use (the package ships no types).
declare module "redlock" {
  import type { Redis } from "ioredis";

  interface Lock {
    extend(ttl: number): Promise<Lock>;
    unlock(): Promise<void>;
  }

  interface RedlockOptions {
    readonly retryCount?: number;
    readonly driftFactor?: number;
    readonly retryDelay?: number;
  }

  /** Locks a resource on a majority of independent servers. */
  export default class Redlock {
    constructor(clients: readonly Redis[], options?: RedlockOptions);
    lock(resource: string, ttl: number): Promise<Lock>;
  }
}
