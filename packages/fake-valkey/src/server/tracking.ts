// Server-assisted client-side caching (CLIENT TRACKING) as Valkey's
// tracking.c does it. One table per node maps key names (not per database:
// the server's table ignores the db) to the ids of clients that read them in
// default mode; BCAST clients register prefixes instead and receive, once per
// event-loop turn, every key changed under each prefix. A key's entry is
// dropped when its invalidation goes out, so a client hears of a key once per
// read. Flushes send a null invalidation to every tracking client.

import type { ReplyFrame } from "@petrel/protocol";
import { array, bulk, integer, NULL_BULK, push } from "./frames.js";
import type { Session } from "./session.js";

/** A client's CLIENT TRACKING settings while tracking is on. */
export interface TrackingState {
  /** Client id invalidations go to; 0 = this connection. */
  readonly redirect: number;
  readonly bcast: boolean;
  readonly optin: boolean;
  readonly optout: boolean;
  readonly noloop: boolean;
  /** BCAST prefixes of this client (latin1), "" = every key. */
  readonly prefixes: Set<string>;
  /** CLIENT CACHING YES (OPTIN) / NO (OPTOUT) was given for the next command. */
  caching: boolean;
  /** The redirect target was gone when an invalidation was due. */
  brokenRedirect: boolean;
}

/** Settings parsed from CLIENT TRACKING ON. */
export interface TrackingOptions {
  readonly redirect: number;
  readonly bcast: boolean;
  readonly optin: boolean;
  readonly optout: boolean;
  readonly noloop: boolean;
  readonly prefixes: readonly string[];
}

/** The pub/sub channel RESP2 redirect targets receive invalidations on. */
export const INVALIDATE_CHANNEL = "__redis__:invalidate";

/** Keys changed under one BCAST prefix since the last broadcast, with their last writer. */
interface PrefixState {
  readonly clients: Set<Session>;
  readonly changed: Map<string, Session | undefined>;
}

const keyBuffer = (name: string) => Buffer.from(name, "latin1");

/** True when one string is a prefix of the other (the server's overlap rule for prefixes). */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

export class TrackingTable {
  /** Key name → ids of the clients that read it (default mode). */
  private readonly readers = new Map<string, Set<number>>();
  private readonly prefixTable = new Map<string, PrefixState>();
  private broadcastScheduled = false;
  /** Invalidations for the client running the command, sent after its reply (null = flush). */
  private readonly pendingSelf: (string | null)[] = [];
  private trackingClients = 0;
  private items = 0;
  /** A flush already sent its null invalidations during the running command. */
  private flushNoted = false;

  constructor(
    private readonly findClient: (id: number) => Session | undefined,
    private readonly allSessions: () => Iterable<Session>,
    /** The client whose command is running, if any. */
    private readonly current: () => Session | undefined,
  ) {}

  /** INFO's tracking_clients, tracking_total_keys, tracking_total_items, tracking_total_prefixes. */
  stats(): { clients: number; keys: number; items: number; prefixes: number } {
    return {
      clients: this.trackingClients,
      keys: this.readers.size,
      items: this.items,
      prefixes: this.prefixTable.size,
    };
  }

  /** CLIENT TRACKING ON: (re)enables tracking; BCAST prefixes add to those already set. */
  enable(session: Session, options: TrackingOptions): void {
    const previous = session.tracking;
    if (previous === undefined) this.trackingClients++;
    const prefixes = previous?.prefixes ?? new Set<string>();
    session.tracking = {
      redirect: options.redirect,
      bcast: options.bcast,
      optin: options.optin,
      optout: options.optout,
      noloop: options.noloop,
      prefixes,
      caching: previous?.caching ?? false,
      brokenRedirect: false,
    };
    if (!options.bcast) return;
    for (const prefix of options.prefixes.length === 0 ? [""] : options.prefixes) {
      prefixes.add(prefix);
      let state = this.prefixTable.get(prefix);
      if (state === undefined) {
        state = { clients: new Set(), changed: new Map() };
        this.prefixTable.set(prefix, state);
      }
      state.clients.add(session);
    }
  }

  /**
   * CLIENT TRACKING OFF, RESET or a closed connection. Keys the client read
   * stay in the table, as on the server: it hears of them again if it
   * re-enables tracking before they change.
   */
  disable(session: Session): void {
    const tracking = session.tracking;
    if (tracking === undefined) return;
    for (const prefix of tracking.prefixes) {
      const state = this.prefixTable.get(prefix);
      state?.clients.delete(session);
      if (state !== undefined && state.clients.size === 0) this.prefixTable.delete(prefix);
    }
    session.tracking = undefined;
    this.trackingClients--;
  }

  /** After a read-only command: the client now caches these keys (default mode, unless OPTIN/OPTOUT say no). */
  remember(session: Session, keys: readonly Buffer[]): void {
    const tracking = session.tracking;
    if (tracking === undefined || tracking.bcast || keys.length === 0) return;
    if ((tracking.optin && !tracking.caching) || (tracking.optout && tracking.caching)) return;
    for (const key of keys) {
      const name = key.toString("latin1");
      let ids = this.readers.get(name);
      if (ids === undefined) {
        ids = new Set();
        this.readers.set(name, ids);
      }
      if (!ids.has(session.id)) {
        ids.add(session.id);
        this.items++;
      }
    }
  }

  /** A key was modified, deleted or expired (the server's signalModifiedKey). */
  keyModified(name: string): void {
    const writer = this.current();
    if (this.prefixTable.size > 0) this.noteForBroadcast(name, writer);
    const ids = this.readers.get(name);
    if (ids === undefined) return;
    this.readers.delete(name);
    this.items -= ids.size;
    for (const id of ids) {
      const target = this.findClient(id);
      const tracking = target?.tracking;
      if (target === undefined || tracking === undefined || tracking.bcast) continue;
      if (target === writer) {
        if (!tracking.noloop) this.pendingSelf.push(name);
        continue;
      }
      this.send(target, array([bulk(keyBuffer(name))]));
    }
  }

  /** A command (or a command inside EXEC or a script) starts running. */
  commandStarted(): void {
    this.flushNoted = false;
  }

  /**
   * FLUSHDB/FLUSHALL (and a replica's full resync): one null invalidation to
   * every tracking client, however many databases the command empties.
   */
  flushed(): void {
    if (this.flushNoted) return;
    this.flushNoted = true;
    // Outside a command (a resync), the next flush notifies again.
    queueMicrotask(() => {
      this.flushNoted = false;
    });
    const writer = this.current();
    for (const session of this.allSessions()) {
      if (session.tracking === undefined) continue;
      if (session === writer) this.pendingSelf.push(null);
      else this.send(session, NULL_BULK);
    }
    this.readers.clear();
    this.items = 0;
  }

  /**
   * After a command's reply is queued: the invalidations it caused for its
   * own client, and the end of a one-command CLIENT CACHING.
   */
  afterCommand(session: Session, commandName: string): void {
    if (this.pendingSelf.length > 0) {
      const pending = this.pendingSelf.splice(0);
      if (!session.isClosed) {
        for (const name of pending)
          this.send(session, name === null ? NULL_BULK : array([bulk(keyBuffer(name))]));
      }
    }
    const tracking = session.tracking;
    if (
      tracking?.caching &&
      session.transaction === undefined &&
      !commandName.startsWith("client")
    ) {
      tracking.caching = false;
    }
  }

  private noteForBroadcast(name: string, writer: Session | undefined): void {
    let noted = false;
    for (const [prefix, state] of this.prefixTable) {
      if (!name.startsWith(prefix)) continue;
      state.changed.set(name, writer);
      noted = true;
    }
    if (noted && !this.broadcastScheduled) {
      this.broadcastScheduled = true;
      // The server broadcasts before it sleeps: after the replies of this turn.
      setImmediate(() => this.broadcast());
    }
  }

  private broadcast(): void {
    this.broadcastScheduled = false;
    const prefixes = [...this.prefixTable.keys()].sort();
    for (const prefix of prefixes) {
      const state = this.prefixTable.get(prefix);
      if (state === undefined || state.changed.size === 0) continue;
      const changed = [...state.changed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      state.changed.clear();
      for (const session of state.clients) {
        const keys = session.tracking?.noloop
          ? changed.filter(([, writer]) => writer !== session)
          : changed;
        if (keys.length === 0) continue;
        this.send(session, array(keys.map(([name]) => bulk(keyBuffer(name)))));
      }
    }
  }

  /** Sends one invalidation (`keys` is an array of names, or null) as the server's sendTrackingMessage. */
  private send(session: Session, keys: ReplyFrame): void {
    const tracking = session.tracking;
    if (tracking === undefined) return;
    let target = session;
    const redirecting = tracking.redirect !== 0;
    if (redirecting) {
      const redirected = this.findClient(tracking.redirect);
      if (redirected === undefined) {
        tracking.brokenRedirect = true;
        if (session.resp === 3)
          session.send(push([bulk("tracking-redir-broken"), integer(tracking.redirect)]));
        return;
      }
      target = redirected;
    }
    if (target.resp === 3) {
      target.send(push([bulk("invalidate"), keys]));
    } else if (redirecting && target.inSubscriberMode) {
      target.send(push([bulk("message"), bulk(INVALIDATE_CHANNEL), keys]));
    }
    // RESP2 without a subscribed redirect target: nothing can carry it.
  }
}
