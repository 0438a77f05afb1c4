// Differential scenarios: an async script that drives several named
// connections and may use what one server answered (a client id for
// REDIRECT) in a later command, run once on the fake and once on a real
// redis-server per RESP version. Every frame read, push or reply, goes into
// the transcript, and the two transcripts must be equal. A scenario ends by
// PINGing each connection, so a push one server sent and the other did not
// shows up as a difference.

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, type StandaloneOptions, startStandalone } from "../../src/index.js";
import { type CommandInput, RawClient } from "./raw-client.js";
import type { WireFrame } from "./wire-reader.js";

export interface ScenarioDriver {
  readonly resp: 2 | 3;
  /** Sends and records the next frame on the connection (opened on first use). */
  call(connection: string, command: CommandInput): Promise<WireFrame>;
  /** Sends without reading. */
  send(connection: string, command: CommandInput): Promise<void>;
  /** Records the next frame on the connection. */
  read(connection: string): Promise<WireFrame>;
  /** The connection's CLIENT ID, asked once (not recorded: ids differ between servers). */
  id(connection: string): Promise<number>;
  /** Reads the next frame without recording it (the caller notes a normalised form). */
  take(connection: string): Promise<WireFrame>;
  /** Frames received on the connection and not yet read. */
  buffered(connection: string): Promise<number>;
  /** Sends and reads one frame without recording it (polling for a condition). */
  quiet(connection: string, command: CommandInput): Promise<WireFrame>;
  /** Records a value computed from the servers' answers (normalised by the caller). */
  note(value: WireFrame): void;
}

const REPLY_TIMEOUT_MS = 5000;

class Driver implements ScenarioDriver {
  readonly transcript: { connection: string; frame: WireFrame }[] = [];
  private readonly clients = new Map<string, RawClient>();
  /** `:<id>` integer frames of known client ids, recorded as `:<id of name>`. */
  private readonly ids = new Map<string, string>();
  private readonly idOf = new Map<string, number>();

  constructor(
    private readonly port: number,
    readonly resp: 2 | 3,
  ) {}

  private async client(name: string): Promise<RawClient> {
    const existing = this.clients.get(name);
    if (existing !== undefined) return existing;
    const client = await RawClient.connect(this.port);
    this.clients.set(name, client);
    if (this.resp === 3) await client.call(["HELLO", "3"]);
    return client;
  }

  async send(connection: string, command: CommandInput): Promise<void> {
    (await this.client(connection)).send(command);
  }

  async read(connection: string): Promise<WireFrame> {
    const client = await this.client(connection);
    let frame: WireFrame;
    try {
      frame = await client.read(REPLY_TIMEOUT_MS);
    } catch (failure) {
      frame = `<no reply: ${(failure as Error).message}>`;
    }
    this.transcript.push({ connection, frame: this.named(frame) });
    return frame;
  }

  async call(connection: string, command: CommandInput): Promise<WireFrame> {
    await this.send(connection, command);
    return this.read(connection);
  }

  async id(connection: string): Promise<number> {
    const known = this.idOf.get(connection);
    if (known !== undefined) return known;
    const reply = await (await this.client(connection)).call(["CLIENT", "ID"]);
    this.ids.set(String(reply), `:<id of ${connection}>`);
    const id = Number(String(reply).slice(1));
    this.idOf.set(connection, id);
    return id;
  }

  async buffered(connection: string): Promise<number> {
    return (await this.client(connection)).buffered;
  }

  async take(connection: string): Promise<WireFrame> {
    try {
      return await (await this.client(connection)).read(REPLY_TIMEOUT_MS);
    } catch (failure) {
      return `<no reply: ${(failure as Error).message}>`;
    }
  }

  async quiet(connection: string, command: CommandInput): Promise<WireFrame> {
    return (await this.client(connection)).call(command);
  }

  note(value: WireFrame): void {
    this.transcript.push({ connection: "note", frame: this.named(value) });
  }

  /** Replaces the integer frames that are client ids (they differ between servers). */
  private named(frame: WireFrame): WireFrame {
    if (typeof frame === "string") return this.ids.get(frame) ?? frame;
    if (Array.isArray(frame)) return frame.map((inner) => this.named(inner));
    if (frame === null || typeof frame !== "object") return frame;
    if ("push" in frame) return { push: frame.push.map((inner) => this.named(inner)) };
    if ("set" in frame) return { set: frame.set.map((inner) => this.named(inner)) };
    if ("map" in frame)
      return {
        map: frame.map.map(([k, v]) => [this.named(k), this.named(v)] as [WireFrame, WireFrame]),
      };
    return frame;
  }

  /** PINGs every open connection, so unexpected pushes are recorded; then closes them. */
  async finish(): Promise<void> {
    for (const [name, client] of this.clients) {
      if (!client.closed) await this.call(name, ["PING", "end"]);
    }
    for (const client of this.clients.values()) client.close();
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.close();
  }
}

async function flushAll(port: number): Promise<void> {
  const client = await RawClient.connect(port);
  try {
    await client.call(["FLUSHALL"]);
  } finally {
    client.close();
  }
}

/** One `describe` with a test per scenario and RESP version; each test runs on both servers. */
export function scenarioSuite(
  name: string,
  scenarios: Readonly<Record<string, (driver: ScenarioDriver) => Promise<void>>>,
  options: { readonly resp?: readonly (2 | 3)[]; readonly fake?: StandaloneOptions } = {},
): void {
  describe(`differential scenarios: ${name}`, () => {
    let fakeServer: FakeStandalone;
    let realServer: Awaited<ReturnType<typeof startRealStandalone>>;
    beforeAll(async () => {
      fakeServer = await startStandalone(options.fake ?? {});
      realServer = await startRealStandalone({});
    }, 30_000);
    afterAll(async () => {
      await fakeServer?.stop();
      await realServer?.stop();
    });
    for (const [title, scenario] of Object.entries(scenarios)) {
      for (const resp of options.resp ?? [2, 3]) {
        it(`${title} (RESP${resp})`, async () => {
          const realPort = realServer.description.addresses[0]?.port as number;
          const transcripts: unknown[] = [];
          for (const port of [realPort, fakeServer.port]) {
            await flushAll(port);
            const driver = new Driver(port, resp);
            try {
              await scenario(driver);
              await driver.finish();
            } finally {
              driver.closeAll();
            }
            transcripts.push(driver.transcript);
          }
          const [real, fake] = transcripts;
          // A read that timed out on the real server is a mistake in the scenario.
          expect(JSON.stringify(real)).not.toContain("<no reply");
          expect(fake).toEqual(real);
        }, 30_000);
      }
    }
  });
}
