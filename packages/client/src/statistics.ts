// Process-wide counters behind getStatistics(), shared by every client.

const counters = { connections: 0, clients: 0 };

export const statistics = {
  connectionOpened(): void {
    counters.connections++;
  },
  connectionClosed(): void {
    counters.connections--;
  },
  clientCreated(): void {
    counters.clients++;
  },
  clientClosed(): void {
    counters.clients--;
  },
  /** GLIDE's shape: string values. */
  snapshot(): { total_connections: string; total_clients: string } {
    return {
      total_connections: String(counters.connections),
      total_clients: String(counters.clients),
    };
  },
};
