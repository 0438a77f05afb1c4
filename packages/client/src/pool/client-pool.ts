// A bounded set of clients lent one caller at a time: GlideClients, or GlideClusterClients
// (GLIDE main's `clusterMode`). A client multiplexes its callers on one connection (per node);
// the pool is for the work that needs connections to itself (WATCH/MULTI/EXEC, SELECT,
// CLIENT SETNAME). Acquire and abandon deadlines share one timer per kind (DeadlineQueue),
// not a timer per caller.
import { ClosingError, RequestError, TimeoutError } from "@petrel/protocol";
import type { GlideClusterClientConfiguration } from "../cluster/config.js";
import { GlideClusterClient } from "../cluster/glide-cluster-client.js";
import type { GlideClientConfiguration } from "../config/types.js";
import { type DeadlineEntry, DeadlineQueue } from "../connection/deadline-queue.js";
import { GlideClient } from "../standalone/glide-client.js";
import { endIsolatedScope, IsolatedScope } from "./isolated-scope.js";
import {
  type ClientPoolMetrics,
  type PoolClient,
  type PoolConfig,
  type PooledClient,
  type ResolvedPoolConfig,
  resolvePoolConfig,
} from "./pool-config.js";
import { resetConnection } from "./reset-connection.js";

const POOL_CLOSED_MESSAGE = "ClientPool is closed";

class Lease<C extends PooledClient> implements PoolClient<C>, DeadlineEntry {
  deadline = 0;
  heapIndex = -1;
  /** Set when the pool reclaimed the client: the message its holder's errors carry. */
  abandonedMessage: string | undefined;
  constructor(
    readonly client: C,
    readonly acquiredAt: number,
  ) {}
}

interface Waiter<C extends PooledClient> extends DeadlineEntry {
  resolve(lease: Lease<C>): void;
  reject(error: Error): void;
}

/** The holder's error, or when the pool reclaimed the client under it, a ClosingError saying so. */
function explainAbandon(lease: Lease<PooledClient>, error: unknown): unknown {
  if (lease.abandonedMessage === undefined || !(error instanceof ClosingError)) return error;
  if (error.message === lease.abandonedMessage) return error;
  return new ClosingError(lease.abandonedMessage, { cause: error });
}

/**
 * A pool of clients, each lent to one caller at a time, so that connection state (WATCH,
 * MULTI, SELECT) of one caller never mixes with another's: GlideClients, or with
 * `clusterMode: true` GlideClusterClients. Clients are opened on demand up to `maxSize`;
 * callers beyond wait (at most `maxWaiters`, each at most `acquireTimeoutMs`); a client kept
 * past `abandonTimeoutMs` is closed and replaced.
 */
export class ClientPool<C extends PooledClient = GlideClient> {
  readonly #config: ResolvedPoolConfig;
  readonly #idle: C[] = [];
  readonly #lent = new Set<Lease<C>>();
  readonly #waiters = new Set<Waiter<C>>();
  readonly #acquireDeadlines: DeadlineQueue<Waiter<C>>;
  readonly #abandonDeadlines: DeadlineQueue<Lease<C>>;
  #size = 0;
  #closed = false;
  #acquired = 0;
  #released = 0;
  #created = 0;
  #destroyed = 0;
  #abandoned = 0;
  #acquireTimeouts = 0;
  #waitersRefused = 0;

  private constructor(config: ResolvedPoolConfig) {
    this.#config = config;
    this.#acquireDeadlines = new DeadlineQueue((waiter) => this.#acquireExpired(waiter));
    this.#abandonDeadlines = new DeadlineQueue((lease) => this.#abandon(lease));
  }

  /**
   * Validates `config` (ConfigurationError) and returns a pool of GlideClients, or of
   * GlideClusterClients when `config.clusterMode` is true. No client is opened until the
   * first `acquire`.
   */
  static create(config: PoolConfig<GlideClient>): ClientPool<GlideClient>;
  static create(config: PoolConfig<GlideClusterClient>): ClientPool<GlideClusterClient>;
  static create(
    config: PoolConfig<PooledClient>,
  ): ClientPool<GlideClient> | ClientPool<GlideClusterClient> {
    // The overloads tie the client class to `clusterMode`, which #open reads.
    return new ClientPool<PooledClient>(resolvePoolConfig(config)) as ClientPool<GlideClient>;
  }

  /**
   * Lends a client: an idle one, a new one while fewer than `maxSize` are open, or the next
   * one released. Rejects with TimeoutError after `acquireTimeoutMs`, with RequestError when
   * `maxWaiters` callers already wait, with ClosingError once the pool is closed, and with the
   * connection's error when a new client cannot connect.
   */
  acquire(): Promise<PoolClient<C>> {
    if (this.#closed) return Promise.reject(new ClosingError(POOL_CLOSED_MESSAGE));
    const idle = this.#idle.pop();
    if (idle !== undefined) return Promise.resolve(this.#lend(idle));
    if (this.#size < this.#config.maxSize) return this.#open().then((client) => this.#lend(client));
    if (this.#waiters.size >= this.#config.maxWaiters) {
      this.#waitersRefused++;
      return Promise.reject(
        new RequestError(
          `ClientPool: all ${this.#config.maxSize} clients are lent and ${this.#config.maxWaiters} callers already wait`,
        ),
      );
    }
    return new Promise<PoolClient<C>>((resolve, reject) => {
      const waiter: Waiter<C> = {
        deadline: performance.now() + this.#config.acquireTimeoutMs,
        heapIndex: -1,
        resolve,
        reject,
      };
      this.#waiters.add(waiter);
      this.#acquireDeadlines.add(waiter);
    });
  }

  /**
   * Gives back a client lent by `acquire`, after DISCARD, UNWATCH and SELECT of the configured
   * database on its connection (a cluster client's: on every node's); a client whose reset
   * fails is closed instead. Releasing a client twice, or one the pool already reclaimed
   * (abandon timeout), does nothing. Never rejects.
   */
  async release(poolClient: PoolClient<C>): Promise<void> {
    const lease = poolClient as Lease<C>;
    if (!this.#lent.delete(lease)) return;
    this.#abandonDeadlines.remove(lease);
    this.#released++;
    const { client } = lease;
    if (!this.#closed) {
      try {
        await resetConnection(client, this.#config.clientConfiguration.databaseId ?? 0);
      } catch {
        this.#destroy(client);
        this.#openForWaiters();
        return;
      }
    }
    if (this.#closed) this.#destroy(client);
    else this.#giveBack(client);
  }

  /**
   * Runs `fn` with a lent client and releases it when `fn` settles; returns what `fn` returns.
   * When the pool reclaimed the client (abandon timeout) and `fn` failed on the closed client,
   * rejects with a ClosingError that says so (the original error as its cause).
   */
  async borrow<T>(fn: (client: C) => Promise<T>): Promise<T> {
    const lease = (await this.acquire()) as Lease<C>;
    try {
      return await fn(lease.client);
    } catch (error) {
      throw explainAbandon(lease, error);
    } finally {
      await this.release(lease);
    }
  }

  /**
   * Runs `fn` with an {@link IsolatedScope}: a lent client for WATCH/MULTI/EXEC and other
   * connection-state commands that no concurrent caller can interleave with. The scope is
   * ended and its client released when `fn` settles.
   */
  async isolated<T>(fn: (scope: IsolatedScope<C>) => Promise<T>): Promise<T> {
    const lease = (await this.acquire()) as Lease<C>;
    const scope = new IsolatedScope(lease.client);
    try {
      return await fn(scope);
    } catch (error) {
      throw explainAbandon(lease, error);
    } finally {
      endIsolatedScope(scope);
      await this.release(lease);
    }
  }

  /** The pool's counters now. */
  getMetrics(): ClientPoolMetrics {
    return {
      size: this.#size,
      idle: this.#idle.length,
      inUse: this.#lent.size,
      waiting: this.#waiters.size,
      acquired: this.#acquired,
      released: this.#released,
      created: this.#created,
      destroyed: this.#destroyed,
      abandoned: this.#abandoned,
      acquireTimeouts: this.#acquireTimeouts,
      waitersRefused: this.#waitersRefused,
    };
  }

  /**
   * Closes every client, idle or lent (a holder's commands then reject with ClosingError),
   * and rejects the waiting callers with ClosingError. Idempotent.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#acquireDeadlines.clear();
    this.#abandonDeadlines.clear();
    for (const waiter of this.#waiters) waiter.reject(new ClosingError(POOL_CLOSED_MESSAGE));
    this.#waiters.clear();
    for (const client of this.#idle.splice(0)) this.#destroy(client);
    for (const lease of this.#lent) this.#destroy(lease.client, POOL_CLOSED_MESSAGE);
    this.#lent.clear();
  }

  /** Opens a client, counted in `size` from now; on failure frees the slot for waiters. */
  async #open(): Promise<C> {
    this.#size++;
    try {
      const { clientConfiguration, clusterMode } = this.#config;
      const client = (
        clusterMode
          ? await GlideClusterClient.createClient(
              clientConfiguration as GlideClusterClientConfiguration,
            )
          : await GlideClient.createClient(clientConfiguration as GlideClientConfiguration)
      ) as C;
      this.#created++;
      if (this.#closed) {
        this.#destroy(client);
        throw new ClosingError(POOL_CLOSED_MESSAGE);
      }
      return client;
    } catch (error) {
      if (!(error instanceof ClosingError && this.#closed)) {
        this.#size--;
        this.#openForWaiters();
      }
      throw error;
    }
  }

  #lend(client: C): Lease<C> {
    const lease = new Lease(client, Date.now());
    this.#lent.add(lease);
    this.#acquired++;
    if (this.#config.abandonTimeoutMs > 0) {
      lease.deadline = performance.now() + this.#config.abandonTimeoutMs;
      this.#abandonDeadlines.add(lease);
    }
    return lease;
  }

  /** Hands `client` to the longest-waiting caller, or keeps it idle. */
  #giveBack(client: C): void {
    const waiter = this.#nextWaiter();
    if (waiter === undefined) this.#idle.push(client);
    else waiter.resolve(this.#lend(client));
  }

  #nextWaiter(): Waiter<C> | undefined {
    for (const waiter of this.#waiters) {
      this.#waiters.delete(waiter);
      this.#acquireDeadlines.remove(waiter);
      return waiter;
    }
    return undefined;
  }

  /** After a client was closed: opens new ones for the callers waiting, within `maxSize`. */
  #openForWaiters(): void {
    while (!this.#closed && this.#size < this.#config.maxSize) {
      const waiter = this.#nextWaiter();
      if (waiter === undefined) return;
      this.#open().then(
        (client) => waiter.resolve(this.#lend(client)),
        (error: unknown) => waiter.reject(error as Error),
      );
    }
  }

  #destroy(client: C, message?: string): void {
    this.#size--;
    this.#destroyed++;
    client.close(message);
  }

  #acquireExpired(waiter: Waiter<C>): void {
    this.#waiters.delete(waiter);
    this.#acquireTimeouts++;
    waiter.reject(
      new TimeoutError(
        `ClientPool: no client free within acquireTimeoutMs (${this.#config.acquireTimeoutMs} ms)`,
      ),
    );
  }

  #abandon(lease: Lease<C>): void {
    if (!this.#lent.delete(lease)) return;
    this.#abandoned++;
    lease.abandonedMessage = `ClientPool: client held longer than abandonTimeoutMs (${this.#config.abandonTimeoutMs} ms) and closed; acquire another`;
    this.#destroy(lease.client, lease.abandonedMessage);
    this.#openForWaiters();
  }
}
