// Process-wide counters behind getStatistics(), shared by every client.
import type { CacheStatistics } from "./cache/client-cache.js";
import type { CompressionCounters } from "./compression/hook.js";

const counters = {
  connections: 0,
  clients: 0,
  valuesCompressed: 0,
  valuesDecompressed: 0,
  originalBytes: 0,
  bytesCompressed: 0,
  bytesDecompressed: 0,
  compressionSkipped: 0,
  subscriptionOutOfSync: 0,
  subscriptionLastSync: 0,
};

/** GLIDE's `getStatistics()` shape: string values. */
export interface ClientStatistics extends CacheStatistics {
  total_connections: string;
  total_clients: string;
  total_values_compressed: string;
  total_values_decompressed: string;
  total_original_bytes: string;
  total_bytes_compressed: string;
  total_bytes_decompressed: string;
  compression_skipped_count: string;
  /** Subscription checks that found the wanted and confirmed subscriptions different. */
  subscription_out_of_sync_count: string;
  /** When a check last found them the same, in milliseconds since the epoch; "0" before. */
  subscription_last_sync_timestamp: string;
}

/** What compressors report to, GLIDE's compression counters. */
const compressionCounters: CompressionCounters = {
  compressed(originalBytes, compressedBytes) {
    counters.valuesCompressed++;
    counters.originalBytes += originalBytes;
    counters.bytesCompressed += compressedBytes;
  },
  skipped() {
    counters.compressionSkipped++;
  },
  decompressed(bytes) {
    counters.valuesDecompressed++;
    counters.bytesDecompressed += bytes;
  },
};

export const statistics = {
  compression: compressionCounters,
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
  /** A periodic subscription check's result. */
  subscriptionsChecked(inSync: boolean): void {
    if (inSync) counters.subscriptionLastSync = Date.now();
    else counters.subscriptionOutOfSync++;
  },
  snapshot(): ClientStatistics {
    return {
      total_connections: String(counters.connections),
      total_clients: String(counters.clients),
      total_values_compressed: String(counters.valuesCompressed),
      total_values_decompressed: String(counters.valuesDecompressed),
      total_original_bytes: String(counters.originalBytes),
      total_bytes_compressed: String(counters.bytesCompressed),
      total_bytes_decompressed: String(counters.bytesDecompressed),
      compression_skipped_count: String(counters.compressionSkipped),
      subscription_out_of_sync_count: String(counters.subscriptionOutOfSync),
      subscription_last_sync_timestamp: String(counters.subscriptionLastSync),
    };
  },
};
