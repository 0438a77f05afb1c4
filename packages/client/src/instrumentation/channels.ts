// The instrumentation seam. Petrel publishes on named diagnostics channels;
// plugins (@petrel/otel, a user's own logger) subscribe. Publishing is guarded
// by `hasSubscribers`, so a client nobody observes builds no messages at all.
import diagnosticsChannel from "node:diagnostics_channel";
import type { CommandArg } from "@petrel/protocol";

/** Channel names, stable across versions. */
export const channelNames = {
  commandStart: "petrel:command:start",
  commandEnd: "petrel:command:end",
  sendStart: "petrel:send:start",
  sendEnd: "petrel:send:end",
  retry: "petrel:retry",
  redirect: "petrel:redirect",
  timeout: "petrel:timeout",
  cache: "petrel:cache",
} as const;

/**
 * A user-level request starts: one command, or one batch. Published synchronously in
 * the caller's async context, so a subscriber sees the caller's active trace context.
 */
export interface CommandStartMessage {
  /** Unique per process; ties every later message of this request together. */
  readonly requestId: number;
  /** Wire name, upper case ("GET", "CONFIG GET"); "BATCH" for a batch. */
  readonly name: string;
  /** GLIDE's name for the request ("Get", "Batch"). */
  readonly glideName: string;
  /** The arguments. Subscribers must mask values before exporting them anywhere. */
  readonly args: readonly CommandArg[];
  /** Present for batches. */
  readonly batch: { readonly size: number; readonly atomic: boolean } | undefined;
  /** The database index of the client (0 in cluster mode). */
  readonly database: number;
  /** performance.now() at start. */
  readonly startTime: number;
}

/** The request settled. `error` is set when it rejected. */
export interface CommandEndMessage {
  readonly requestId: number;
  readonly error: Error | undefined;
  readonly endTime: number;
}

/** One attempt is written to one node. A request may have several (redirects, retries). */
export interface SendStartMessage {
  readonly requestId: number;
  readonly host: string;
  readonly port: number;
  readonly startTime: number;
}

/** The attempt's reply arrived, or the attempt failed. */
export interface SendEndMessage {
  readonly requestId: number;
  readonly host: string;
  readonly port: number;
  readonly error: Error | undefined;
  readonly endTime: number;
}

export type RetryReason =
  | "tryAgain"
  | "clusterDown"
  | "loading"
  | "readOnly"
  | "connection"
  | "noScript";

/** The client retries a request (after TRYAGAIN, a lost connection…). */
export interface RetryMessage {
  readonly requestId: number;
  readonly reason: RetryReason;
  /** 1 for the first retry. */
  readonly attempt: number;
}

/** The server redirected a request. */
export interface RedirectMessage {
  readonly requestId: number;
  readonly kind: "MOVED" | "ASK";
  readonly slot: number;
  readonly host: string;
  readonly port: number;
}

/** A request timed out. */
export interface TimeoutMessage {
  readonly requestId: number;
  readonly timeoutMs: number;
}

/** A client-side cache event: lookups that hit or missed, entries dropped and why. */
export interface CacheMessage {
  /** The `ClientSideCache`'s `cacheId`. */
  readonly cacheId: string;
  readonly event: "hit" | "miss" | "eviction" | "expiration" | "invalidation";
  /** How many (a FLUSHALL invalidates many at once). */
  readonly count: number;
}

export interface ChannelMessages {
  commandStart: CommandStartMessage;
  commandEnd: CommandEndMessage;
  sendStart: SendStartMessage;
  sendEnd: SendEndMessage;
  retry: RetryMessage;
  redirect: RedirectMessage;
  timeout: TimeoutMessage;
  cache: CacheMessage;
}

/** The channels themselves. `diagnostics_channel.channel(name)` returns the same object everywhere. */
export const channels: { readonly [K in keyof ChannelMessages]: diagnosticsChannel.Channel } = {
  commandStart: diagnosticsChannel.channel(channelNames.commandStart),
  commandEnd: diagnosticsChannel.channel(channelNames.commandEnd),
  sendStart: diagnosticsChannel.channel(channelNames.sendStart),
  sendEnd: diagnosticsChannel.channel(channelNames.sendEnd),
  retry: diagnosticsChannel.channel(channelNames.retry),
  redirect: diagnosticsChannel.channel(channelNames.redirect),
  timeout: diagnosticsChannel.channel(channelNames.timeout),
  cache: diagnosticsChannel.channel(channelNames.cache),
};

/** Subscribes `listener` to one channel with its message type; returns the unsubscribe function. */
export function subscribe<K extends keyof ChannelMessages>(
  name: K,
  listener: (message: ChannelMessages[K]) => void,
): () => void {
  const handler = (message: unknown) => listener(message as ChannelMessages[K]);
  diagnosticsChannel.subscribe(channelNames[name], handler);
  return () => diagnosticsChannel.unsubscribe(channelNames[name], handler);
}
