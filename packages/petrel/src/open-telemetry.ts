// `OpenTelemetry` at the main entry, where GLIDE programs import it from. It is a
// facade over @petrel/otel's class (an optional peer dependency) that loads the
// package on the first call, synchronously, since GLIDE's `init` is synchronous:
// importing `petrel` alone still loads no OpenTelemetry code. Both entries share one
// instance of @petrel/otel, so `init` through either is seen by the other.
// The configuration types come from @petrel/client: naming the optional package here,
// even for types, would make TypeScript (and the main entry's declarations) need it.
import { createRequire } from "node:module";
import {
  ConfigurationError,
  type GlideOpenTelemetryConfig,
  type GlideSpanContext,
} from "@petrel/client";

/** What the facade calls on @petrel/otel's `OpenTelemetry`. */
interface OpenTelemetryImplementation {
  init(config: GlideOpenTelemetryConfig): void;
  isInitialized(): boolean;
  getSamplePercentage(): number | undefined;
  shouldSample(): boolean;
  setSamplePercentage(percentage: number): void;
  setParentSpanContextProvider(provider: (() => GlideSpanContext | undefined) | undefined): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

const otelPackage = "@petrel/otel";

function runtimeName(): string {
  const versions: Partial<Record<string, string>> = process.versions;
  if (versions.bun !== undefined) return `Bun ${versions.bun}`;
  if (versions.deno !== undefined) return `Deno ${versions.deno}`;
  return `Node ${process.versions.node}`;
}

/** The ConfigurationError a failed load becomes: what is missing, and what to do. */
function otelLoadError(cause: unknown): ConfigurationError {
  const code = (cause as { code?: unknown } | null)?.code;
  const detail = cause instanceof Error ? cause.message : String(cause);
  let message: string;
  if (code === "MODULE_NOT_FOUND" && detail.includes(`'${otelPackage}'`)) {
    message = `OpenTelemetry needs the optional package ${otelPackage}, which is not installed: run "npm install ${otelPackage}"`;
  } else if (code === "ERR_REQUIRE_ESM") {
    message = `OpenTelemetry from "petrel" loads ${otelPackage} with require(), and ${runtimeName()} cannot require() ES modules (Node 20.19 or later can): import { OpenTelemetry } from "petrel/otel" instead`;
  } else {
    message = `OpenTelemetry could not load ${otelPackage} on ${runtimeName()}: ${detail}`;
  }
  const error = new ConfigurationError(message);
  Object.defineProperty(error, "cause", { value: cause, enumerable: false, writable: true });
  return error;
}

function requireOtel(): unknown {
  return createRequire(import.meta.url)(otelPackage);
}

let loadModule: () => unknown = requireOtel;
let loaded:
  | { implementation: OpenTelemetryImplementation }
  | { error: ConfigurationError }
  | undefined;

/**
 * Replaces how @petrel/otel is loaded and forgets the loaded one. For tests; not
 * exported from the package.
 */
export function setOtelLoader(load: () => unknown = requireOtel): void {
  loadModule = load;
  loaded = undefined;
}

function load(): { implementation: OpenTelemetryImplementation } | { error: ConfigurationError } {
  if (loaded === undefined) {
    try {
      const module = loadModule() as { OpenTelemetry?: OpenTelemetryImplementation };
      if (typeof module.OpenTelemetry?.init !== "function") {
        throw new TypeError(`${otelPackage} has no OpenTelemetry class`);
      }
      loaded = { implementation: module.OpenTelemetry };
    } catch (error) {
      loaded = { error: otelLoadError(error) };
    }
  }
  return loaded;
}

/** @petrel/otel's class; throws the ConfigurationError of a failed load. */
function implementation(): OpenTelemetryImplementation {
  const result = load();
  if ("error" in result) throw result.error;
  return result.implementation;
}

/** @petrel/otel's class, or undefined when it cannot be loaded (so nothing is initialized). */
function implementationIfPresent(): OpenTelemetryImplementation | undefined {
  const result = load();
  return "implementation" in result ? result.implementation : undefined;
}

/**
 * GLIDE's OpenTelemetry entry point: traces and metrics of every command, with GLIDE's
 * span and metric names. It runs `@petrel/otel`, which must be installed
 * (`npm install @petrel/otel`) and is loaded on the first call, not at import.
 * `import { OpenTelemetry } from "petrel/otel"` is the same object's implementation.
 *
 * @example
 * ```ts
 * import { OpenTelemetry } from "petrel";
 * OpenTelemetry.init({ traces: { endpoint: "file:///tmp/signals.json", samplePercentage: 10 } });
 * ```
 */
export class OpenTelemetry {
  /**
   * Starts exporting traces and/or metrics. Only the first call in a process takes effect.
   * Throws `ConfigurationError` for an invalid configuration, or when `@petrel/otel` is not
   * installed (the message says what to install).
   */
  static init(config: GlideOpenTelemetryConfig): void {
    implementation().init(config);
  }

  /** True once `init` has run. False when `@petrel/otel` is not installed. */
  static isInitialized(): boolean {
    return implementationIfPresent()?.isInitialized() ?? false;
  }

  /** The trace sample percentage, or undefined without traces (or without `@petrel/otel`). */
  static getSamplePercentage(): number | undefined {
    return implementationIfPresent()?.getSamplePercentage();
  }

  /** True for the share of calls given by the sample percentage; false without traces. */
  static shouldSample(): boolean {
    return implementationIfPresent()?.shouldSample() ?? false;
  }

  /** Changes the sample percentage at runtime. Throws `ConfigurationError` without traces. */
  static setSamplePercentage(percentage: number): void {
    implementation().setSamplePercentage(percentage);
  }

  /**
   * Registers or replaces the callback that gives each command's span its parent;
   * `null` or `undefined` removes it. Throws `ConfigurationError` before `init`.
   */
  static setParentSpanContextProvider(
    provider: (() => GlideSpanContext | undefined) | null | undefined,
  ): void {
    implementation().setParentSpanContextProvider(provider ?? undefined);
  }

  /** Petrel extension: exports everything recorded so far. */
  static async forceFlush(): Promise<void> {
    await implementationIfPresent()?.forceFlush();
  }

  /** Petrel extension: flushes and stops recording. `init` stays spent for this process. */
  static async shutdown(): Promise<void> {
    await implementationIfPresent()?.shutdown();
  }
}
