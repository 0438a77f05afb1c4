// GLIDE's native MONITOR entry points, `createMonitorClient` and
// `closeMonitorClient`: GLIDE's GlideMonitorClient calls them with its
// connection request and a callback taking the line's fields, and keeps the
// numeric handle it gets back. Petrel takes the client configuration itself
// (there is no protobuf request to encode) and backs each handle with a
// GlideMonitorClient, so a handle monitors every configured address and
// resumes after reconnects like the class does.
import type { BaseClientConfiguration } from "../config/types.js";
import { GlideMonitorClient } from "./glide-monitor-client.js";

const monitors = new Map<number, GlideMonitorClient>();
let nextHandle = 1;

/**
 * Starts a MONITOR stream on connections of its own to every address of `config` and calls
 * `callback` with each line's fields; resolves to the handle {@link closeMonitorClient}
 * takes. Rejects as `GlideMonitorClient.create` does (ConfigurationError for a bad
 * configuration, the connection's error when a node cannot be reached).
 *
 * @see https://valkey.io/commands/monitor/
 */
export async function createMonitorClient(
  config: BaseClientConfiguration,
  callback: (
    timestamp: number,
    db: number,
    clientAddr: string,
    command: string,
    args: string[],
  ) => void,
): Promise<number> {
  const monitor = await GlideMonitorClient.create(config, (line) =>
    callback(line.timestamp, line.db, line.clientAddr, line.command, line.args),
  );
  const handle = nextHandle++;
  monitors.set(handle, monitor);
  return handle;
}

/**
 * Stops the MONITOR stream of `handleId` (from {@link createMonitorClient}) and closes its
 * connections. An unknown or already closed handle resolves too, as in GLIDE.
 */
export async function closeMonitorClient(handleId: number): Promise<void> {
  const monitor = monitors.get(handleId);
  if (monitor === undefined) return;
  monitors.delete(handleId);
  await monitor.close();
}
