// Asks the sentinels where the primary and its replicas are. Every known
// sentinel is asked at once, each over a short-lived connection, and the answers
// are used in the sentinels' order: the first one whose primary confirms its role
// wins. The list of sentinels grows with those they report (`SENTINEL SENTINELS`).
import { type CommandArg, ConnectionError, RequestError, type RespValue } from "@petrel/protocol";
import type { ResolvedAddress } from "../config/resolved.js";
import type { DeadlineQueue } from "../connection/deadline-queue.js";
import { NodeConnection } from "../connection/node-connection.js";
import type { WireRequest } from "../connection/wire-request.js";
import type { ResolvedSentinel } from "./config.js";
import { addressKey, healthyInstances, primaryAddressOf } from "./replies.js";

/** What one sentinel said about the primary. */
export interface SentinelAnswer {
  /** `host:port` of the sentinel that answered. */
  readonly sentinel: string;
  readonly primary: ResolvedAddress;
  /** Replicas not flagged down or disconnected. */
  readonly replicas: readonly ResolvedAddress[];
}

/** One sentinel's answer, or why it gave none. */
export type SentinelReply =
  | { readonly answer: SentinelAnswer; readonly problem?: undefined }
  | {
      readonly answer?: undefined;
      readonly problem: string;
      /** Asking again cannot help: the name is unknown, or the credentials were refused. */
      readonly final?: boolean;
    };

/** The server refused the sentinel credentials (or asked for some). */
const REFUSED_CREDENTIALS = /WRONGPASS|NOAUTH|invalid (username|password)/i;

export class SentinelLocator {
  readonly #settings: ResolvedSentinel;
  readonly #deadlines: DeadlineQueue<WireRequest>;
  /** Configured sentinels first, in order, then learned ones. */
  readonly #sentinels = new Map<string, ResolvedAddress>();
  #closed = false;
  /** Connections of the queries under way, closed with the locator. */
  readonly #open = new Set<NodeConnection>();

  constructor(settings: ResolvedSentinel, deadlines: DeadlineQueue<WireRequest>) {
    this.#settings = settings;
    this.#deadlines = deadlines;
    for (const address of settings.sentinels) this.#sentinels.set(addressKey(address), address);
  }

  get primaryName(): string {
    return this.#settings.primaryName;
  }

  /** Every sentinel known so far, configured ones first. */
  get sentinels(): readonly ResolvedAddress[] {
    return [...this.#sentinels.values()];
  }

  /** Asks every known sentinel at once; the replies come in the sentinels' order. */
  askAll(): Promise<SentinelReply[]> {
    return Promise.all(this.sentinels.map((address) => this.ask(address)));
  }

  /** Asks one sentinel for the primary, its replicas and its peers (learned as a side effect). */
  async ask(address: ResolvedAddress): Promise<SentinelReply> {
    const key = addressKey(address);
    if (this.#closed) return { problem: `${key}: the client is closing` };
    const settings = this.#settings;
    const name = settings.primaryName;
    const connection = new NodeConnection({
      address,
      config: settings.config,
      credentials: async () => settings.credentials,
      deadlines: this.#deadlines,
    });
    this.#open.add(connection);
    try {
      await connection.connect();
      const commands: CommandArg[][] = [
        // Valkey 8 names it "primary"; Redis and older Valkey only know "master".
        ["SENTINEL", "GET-PRIMARY-ADDR-BY-NAME", name],
        ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", name],
        ["SENTINEL", "REPLICAS", name],
        ["SENTINEL", "SENTINELS", name],
      ];
      const [modern, legacy, replicas, peers] = (await connection.execute(
        commands,
        settings.config.connectionTimeoutMs,
      )) as [RespValue, RespValue, RespValue, RespValue];
      const primary =
        modern instanceof RequestError ? primaryAddressOf(legacy) : primaryAddressOf(modern);
      if (primary === undefined) {
        return { problem: `${key} knows no primary named "${name}"`, final: true };
      }
      for (const peer of healthyInstances(peers)) {
        const peerKey = addressKey(peer);
        if (!this.#sentinels.has(peerKey)) this.#sentinels.set(peerKey, peer);
      }
      return { answer: { sentinel: key, primary, replicas: healthyInstances(replicas) } };
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      return { problem: `${key}: ${message}`, final: REFUSED_CREDENTIALS.test(message) };
    } finally {
      this.#open.delete(connection);
      connection.close(new ConnectionError("Sentinel query finished"));
    }
  }

  close(): void {
    this.#closed = true;
    for (const connection of this.#open) connection.close(new ConnectionError("Client closing"));
    this.#open.clear();
  }
}
