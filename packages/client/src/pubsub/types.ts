// GLIDE's Pub/Sub types: subscription modes, the configured subscriptions,
// the message shape and the state getSubscriptions() reports.
import type { GlideString } from "@petrel/protocol";

/** GLIDE's `GlideClientConfiguration.PubSubChannelModes`. */
export enum PubSubChannelModes {
  /** Exact channel names (SUBSCRIBE). */
  Exact = 0,
  /** Glob-style channel patterns (PSUBSCRIBE). */
  Pattern = 1,
}

/** A received message; `pattern` is set for messages matched by PSUBSCRIBE. */
export interface PubSubMsg {
  message: GlideString;
  channel: GlideString;
  pattern?: GlideString | null;
}

/** GLIDE's `GlideClientConfiguration.PubSubSubscriptions`. */
export interface PubSubSubscriptions {
  channelsAndPatterns: Partial<Record<PubSubChannelModes, Set<string>>>;
  /**
   * Receives every message; without it, messages queue for getPubSubMessage(). Method
   * syntax, so a callback typed for its own context (GLIDE types it `any`) is accepted.
   */
  callback?(msg: PubSubMsg, context: unknown): void;
  /** Handed to `callback` with every message. */
  context?: unknown;
}

/** What the client wants to be subscribed to, and what the server confirmed. */
export interface StandalonePubSubState {
  desiredSubscriptions: Partial<Record<PubSubChannelModes, Set<GlideString>>>;
  actualSubscriptions: Partial<Record<PubSubChannelModes, Set<GlideString>>>;
}

/** Pass to unsubscribe / unsubscribeLazy to leave every exact channel. */
export const ALL_CHANNELS = null;
/** Pass to punsubscribe / punsubscribeLazy to leave every pattern. */
export const ALL_PATTERNS = null;
