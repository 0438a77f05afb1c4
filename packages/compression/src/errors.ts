// GLIDE's compression error texts, so that code matching on them keeps working.
import { RequestError } from "@petrel/protocol";

/** GLIDE's human-readable sizes: "10B", "1.50KB", "2.00MB", "1.00GB". */
export function formatSize(bytes: number): string {
  const KB = 1024;
  const MB = KB * 1024;
  const GB = MB * 1024;
  if (bytes >= GB) return `${(bytes / GB).toFixed(2)}GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(2)}MB`;
  if (bytes >= KB) return `${(bytes / KB).toFixed(2)}KB`;
  return `${bytes}B`;
}

/** GLIDE prefixes every decompression failure it reports with this. */
const PREFIX = "Decompression error - IoError: ";

/** A compressed value that cannot be expanded (corrupt, truncated, unknown backend). */
export function decompressionFailed(
  backend: string,
  valueBytes: number,
  reason: string,
): RequestError {
  return new RequestError(
    `${PREFIX}Decompression operation failed: ${backend.toUpperCase()} decoding failed for ${formatSize(valueBytes)} data${reason ? `: ${reason}` : ""}`,
  );
}

/** A header naming a backend GLIDE does not know. */
export function unsupportedBackend(id: number): RequestError {
  return new RequestError(
    `${PREFIX}Unsupported compression backend: 'backend ID 0x${id.toString(16).padStart(2, "0")}'`,
  );
}

/** A value that would expand past `maxDecompressedSize` (GLIDE's text, word for word). */
export function sizeLimitExceeded(
  backend: string,
  valueBytes: number,
  decompressedBytes: number,
  maxBytes: number,
): RequestError {
  return new RequestError(
    `${PREFIX}Decompression size limit exceeded: ${backend.toUpperCase()} decompression of ${formatSize(valueBytes)} data would produce ${formatSize(decompressedBytes)} bytes, exceeding the maximum allowed size of ${formatSize(maxBytes)} bytes. To handle larger values, increase 'maxDecompressedSize' in your compression configuration.`,
  );
}

/** Thrown inside a codec when the output would pass the limit; carries the size seen. */
export class OutputLimitError extends Error {
  constructor(readonly producedBytes: number) {
    super(`output passed the limit at ${producedBytes} bytes`);
  }
}
