// Servers for tests that run one program against the fake and against
// redis-server: each started server is remembered so one afterEach stops them.

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { startStandalone } from "../../src/index.js";

export interface Server {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts fake and real standalone servers, and stops every one of them at once. */
export class ServerPool {
  private readonly started: Server[] = [];

  /** Remembers something else to stop with the servers (a fake cluster, say). */
  track(server: Server): void {
    this.started.push(server);
  }

  async fake(): Promise<Server> {
    const server = await startStandalone({});
    this.started.push(server);
    return server;
  }

  async real(): Promise<Server> {
    const topology = await startRealStandalone({});
    const server = {
      port: topology.description.addresses[0]?.port as number,
      stop: () => topology.stop(),
    };
    this.started.push(server);
    return server;
  }

  readonly stopAll = async (): Promise<void> => {
    for (const server of this.started.splice(0)) await server.stop();
  };
}
