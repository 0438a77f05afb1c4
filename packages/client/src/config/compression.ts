// `compression` in the client configuration. The plugin holds GLIDE's checks and
// defaults, so the client stays codec- and rule-free; without the plugin, an
// enabled compression is a ConfigurationError that says what to install.
import { ConfigurationError } from "@petrel/protocol";
import {
  type CompressionConfiguration,
  type CompressionPlugin,
  getCompressionPlugin,
  type ResolvedCompressionSettings,
} from "../compression/hook.js";

/** Enabled settings and the plugin that serves them. */
export interface ResolvedCompression {
  readonly settings: ResolvedCompressionSettings;
  readonly plugin: CompressionPlugin;
}

/** Validates `compression`; undefined when absent or disabled. Throws ConfigurationError. */
export const resolveCompression = (value: unknown): ResolvedCompression | undefined => {
  if (value === undefined) return undefined;
  const enabled = (value as { enabled?: unknown } | null)?.enabled;
  if (typeof enabled !== "boolean")
    throw new ConfigurationError(
      "Invalid configuration: compression must be an object with a boolean `enabled`",
    );
  const plugin = getCompressionPlugin();
  if (plugin === undefined) {
    if (!enabled) return undefined;
    throw new ConfigurationError(
      'Invalid configuration: compression needs the compression plugin: install "@petrel/compression" and import "@petrel/compression/register" before creating the client',
    );
  }
  const settings = plugin.validate(value as CompressionConfiguration);
  return settings.enabled ? { settings, plugin } : undefined;
};
