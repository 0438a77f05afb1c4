// Publishes what a client publishes for one request, so the plugin can be
// tested without a server. End-to-end tests with a real client live beside these.
import { channels } from "@petrel/client";
import type { CommandArg } from "@petrel/protocol";

let nextId = 1_000_000;

export interface SimulatedRequest {
  name: string;
  glideName: string;
  args: CommandArg[];
  host?: string;
  port?: number;
  error?: Error;
  database?: number;
  batch?: { size: number; atomic: boolean };
}

export function simulateRequest(request: SimulatedRequest): number {
  const requestId = nextId++;
  const host = request.host ?? "127.0.0.1";
  const port = request.port ?? 6379;
  const start = performance.now();
  channels.commandStart.publish({
    requestId,
    name: request.name,
    glideName: request.glideName,
    args: request.args,
    batch: request.batch,
    database: request.database ?? 0,
    startTime: start,
  });
  channels.sendStart.publish({ requestId, host, port, startTime: start + 0.1 });
  channels.sendEnd.publish({ requestId, host, port, error: request.error, endTime: start + 0.5 });
  channels.commandEnd.publish({ requestId, error: request.error, endTime: start + 0.6 });
  return requestId;
}
