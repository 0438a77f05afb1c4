// Turns the client's diagnostics-channel messages into spans and metrics.
// A command span starts in the caller's async context (the channel publishes
// synchronously there), so it nests under the caller's active span; each
// network attempt becomes a `send_command` child.
import {
  type Attributes,
  type Context,
  type Counter,
  context,
  createTraceState,
  type Histogram,
  type Meter,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import {
  type CommandEndMessage,
  type CommandStartMessage,
  type SendEndMessage,
  type SendStartMessage,
  subscribe,
} from "@petrel/client";
import type { GlideSpanContext } from "./config.js";
import { maskedQueryText } from "./masking.js";

/** GLIDE's metric names, kept so dashboards built for GLIDE keep working. */
export const metricNames = {
  timeouts: "glide.timeout_errors",
  retries: "glide.retry_attempts",
  moved: "glide.moved_errors",
  duration: "db.client.operation.duration",
} as const;

/** Petrel's client-side cache counters (GLIDE has none), by the `cache` channel's events. */
export const cacheMetricNames = {
  hit: "petrel.client_side_cache.hits",
  miss: "petrel.client_side_cache.misses",
  eviction: "petrel.client_side_cache.evictions",
  expiration: "petrel.client_side_cache.expirations",
  invalidation: "petrel.client_side_cache.invalidations",
} as const;

export interface RecorderOptions {
  tracer: Tracer | undefined;
  meter: Meter | undefined;
  shouldSample: () => boolean;
  /** False while sampling is 0%: command events are then not even subscribed to. */
  mayTrace: () => boolean;
  parentSpanContext: () => GlideSpanContext | undefined;
}

interface InFlight {
  readonly startTime: number;
  readonly operation: string;
  readonly span: Span | undefined;
  sendSpan: Span | undefined;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

function toEpochMs(performanceTime: number): number {
  return performance.timeOrigin + performanceTime;
}

export class CommandRecorder {
  readonly #inFlight = new Map<number, InFlight>();
  readonly #unsubscribers: (() => void)[] = [];
  readonly #commandUnsubscribers: (() => void)[] = [];
  readonly #timeouts: Counter | undefined;
  readonly #retries: Counter | undefined;
  readonly #moved: Counter | undefined;
  readonly #duration: Histogram | undefined;
  readonly #cache: Record<keyof typeof cacheMetricNames, Counter> | undefined;

  readonly #options: RecorderOptions;

  constructor(options: RecorderOptions) {
    this.#options = options;
    const meter = options.meter;
    this.#timeouts = meter?.createCounter(metricNames.timeouts, {
      description: "Requests that timed out",
    });
    this.#retries = meter?.createCounter(metricNames.retries, {
      description: "Retry attempts",
    });
    this.#moved = meter?.createCounter(metricNames.moved, {
      description: "MOVED redirections received",
    });
    this.#cache =
      meter === undefined
        ? undefined
        : {
            hit: meter.createCounter(cacheMetricNames.hit, {
              description: "Cache lookups that hit",
            }),
            miss: meter.createCounter(cacheMetricNames.miss, {
              description: "Cache lookups that missed",
            }),
            eviction: meter.createCounter(cacheMetricNames.eviction, {
              description: "Cache entries evicted to stay within the size budget",
            }),
            expiration: meter.createCounter(cacheMetricNames.expiration, {
              description: "Cache entries dropped when their TTL passed",
            }),
            invalidation: meter.createCounter(cacheMetricNames.invalidation, {
              description: "Cache entries invalidated (server push, own write, lost connection)",
            }),
          };
    this.#duration = meter?.createHistogram(metricNames.duration, {
      description: "Duration of client operations",
      unit: "s",
    });
  }

  /** Subscribes to the client's channels. */
  start(): void {
    this.#unsubscribers.push(
      subscribe("timeout", () => this.#timeouts?.add(1)),
      subscribe("retry", (m) => this.#retries?.add(1, { "petrel.retry.reason": m.reason })),
      subscribe("redirect", (m) => {
        if (m.kind === "MOVED") this.#moved?.add(1);
      }),
    );
    const cache = this.#cache;
    if (cache !== undefined) {
      this.#unsubscribers.push(
        subscribe("cache", (m) => cache[m.event].add(m.count, { "petrel.cache.id": m.cacheId })),
      );
    }
    this.refresh();
  }

  /**
   * Subscribes to the per-command channels only while something needs them (a
   * duration histogram, or tracing above 0%): with no subscriber the client
   * builds no message at all, so 0% sampling costs next to nothing.
   */
  refresh(): void {
    const needed =
      this.#duration !== undefined ||
      (this.#options.tracer !== undefined && this.#options.mayTrace());
    if (needed && this.#commandUnsubscribers.length === 0) {
      this.#commandUnsubscribers.push(
        subscribe("commandStart", (m) => this.#onCommandStart(m)),
        subscribe("commandEnd", (m) => this.#onCommandEnd(m)),
        subscribe("sendStart", (m) => this.#onSendStart(m)),
        subscribe("sendEnd", (m) => this.#onSendEnd(m)),
      );
    } else if (!needed && this.#commandUnsubscribers.length > 0) {
      for (const unsubscribe of this.#commandUnsubscribers.splice(0)) unsubscribe();
      this.#inFlight.clear();
    }
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribers.splice(0)) unsubscribe();
    for (const unsubscribe of this.#commandUnsubscribers.splice(0)) unsubscribe();
    this.#inFlight.clear();
  }

  #parentContext(): Context {
    const active = context.active();
    const parent = this.#options.parentSpanContext();
    if (!parent || !TRACE_ID.test(parent.traceId) || !SPAN_ID.test(parent.spanId)) return active;
    return trace.setSpanContext(active, {
      traceId: parent.traceId,
      spanId: parent.spanId,
      traceFlags: parent.traceFlags,
      isRemote: true,
      ...(parent.traceState ? { traceState: createTraceState(parent.traceState) } : {}),
    });
  }

  #onCommandStart(message: CommandStartMessage): void {
    const sampled = this.#options.tracer !== undefined && this.#options.shouldSample();
    if (!sampled && this.#duration === undefined) return;
    let span: Span | undefined;
    if (sampled && this.#options.tracer) {
      const attributes: Attributes = {
        "db.system.name": "valkey",
        "db.operation.name": message.name,
        "db.namespace": String(message.database),
      };
      if (message.batch) {
        attributes["db.operation.batch.size"] = message.batch.size;
        attributes["petrel.batch.atomic"] = message.batch.atomic;
      } else {
        attributes["db.query.text"] = maskedQueryText(message.name, message.args);
      }
      span = this.#options.tracer.startSpan(
        message.glideName,
        { kind: SpanKind.CLIENT, attributes, startTime: toEpochMs(message.startTime) },
        this.#parentContext(),
      );
    }
    this.#inFlight.set(message.requestId, {
      startTime: message.startTime,
      operation: message.name,
      span,
      sendSpan: undefined,
    });
  }

  #onSendStart(message: SendStartMessage): void {
    const entry = this.#inFlight.get(message.requestId);
    if (!entry?.span || !this.#options.tracer) return;
    const server = { "server.address": message.host, "server.port": message.port };
    entry.span.setAttributes(server);
    entry.sendSpan?.end();
    entry.sendSpan = this.#options.tracer.startSpan(
      "send_command",
      { kind: SpanKind.CLIENT, attributes: server, startTime: toEpochMs(message.startTime) },
      trace.setSpan(context.active(), entry.span),
    );
  }

  #onSendEnd(message: SendEndMessage): void {
    const entry = this.#inFlight.get(message.requestId);
    const sendSpan = entry?.sendSpan;
    if (!entry || !sendSpan) return;
    entry.sendSpan = undefined;
    setOutcome(sendSpan, message.error);
    sendSpan.end(toEpochMs(message.endTime));
  }

  #onCommandEnd(message: CommandEndMessage): void {
    const entry = this.#inFlight.get(message.requestId);
    if (!entry) return;
    this.#inFlight.delete(message.requestId);
    this.#duration?.record((message.endTime - entry.startTime) / 1000, {
      "db.operation.name": entry.operation,
      ...(message.error ? { "error.type": message.error.name } : {}),
    });
    if (!entry.span) return;
    const endTime = toEpochMs(message.endTime);
    if (entry.sendSpan) {
      setOutcome(entry.sendSpan, message.error);
      entry.sendSpan.end(endTime);
    }
    setOutcome(entry.span, message.error);
    entry.span.end(endTime);
  }

  /** Requests started and not yet ended (for tests and leak checks). */
  get pending(): number {
    return this.#inFlight.size;
  }
}

// The status carries the error class only: server messages may quote data.
function setOutcome(span: Span, error: Error | undefined): void {
  if (error) {
    span.setAttribute("error.type", error.name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.name });
  } else {
    span.setStatus({ code: SpanStatusCode.OK });
  }
}
