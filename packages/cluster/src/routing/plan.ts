// The shape of a routing decision. The client executes it: one node, several
// nodes whose replies are aggregated, or nothing (with the reason).
import type { Command, ResponsePolicy } from "@petrel/commands";
import type { RequestError } from "@petrel/protocol";
import type { ClusterNode } from "../topology/topology.js";

/** One command for one node. */
export interface NodeTarget<T = unknown> {
  readonly node: ClusterNode;
  readonly command: Command<T>;
  /** The slot the command is for, when it has keys or a slot route: redirects name it. */
  readonly slot: number | undefined;
  /**
   * For a sub-command of a split: the position of each of its keys in the
   * original key order (MGET reassembly). Undefined otherwise.
   */
  readonly keyPositions: readonly number[] | undefined;
}

/** The whole command goes to one node; its reply is the result as is. */
export interface SingleNodePlan<T = unknown> extends NodeTarget<T> {
  readonly kind: "single";
}

/**
 * The command goes to several nodes: the same command to each (fan-out), or
 * one sub-command per slot (split). Replies are combined by `aggregate`.
 */
export interface MultiNodePlan<T = unknown> {
  readonly kind: "multi";
  readonly targets: readonly NodeTarget<T>[];
  readonly response: ResponsePolicy;
  /** True when targets are per-slot sub-commands of a multi-key command. */
  readonly split: boolean;
  /** For a split: the number of keys of the original command. */
  readonly keyCount: number;
}

export type UnroutableReason =
  /** Keys in different slots and the command cannot be split. */
  | "crossSlot"
  /** No known node serves the slot: refresh once, then fail. */
  | "slotNotServed"
  /** routeByAddress names a node that is not in the view. */
  | "unknownAddress"
  /** The route itself is malformed (slot id out of range, bad address). */
  | "invalidRoute"
  /** The view has no node at all. */
  | "noNodes";

export interface UnroutablePlan {
  readonly kind: "unroutable";
  readonly reason: UnroutableReason;
  readonly slot: number | undefined;
  readonly error: RequestError;
}

export type Plan<T = unknown> = SingleNodePlan<T> | MultiNodePlan<T> | UnroutablePlan;
