// Registration: after `registerCompression()` (or `import "@petrel/compression/register"`),
// the client accepts GLIDE's `compression: { enabled: true, … }` configuration. The
// codecs load when the first client with compression is created, not before.
import { registerCompressionPlugin } from "@petrel/client";
import { createCommandCompressor } from "./command-compressor.js";
import { resolveSettings } from "./settings.js";

/** Lets every client in this process use `compression`. Idempotent. */
export function registerCompression(): void {
  registerCompressionPlugin({ validate: resolveSettings, create: createCommandCompressor });
}
