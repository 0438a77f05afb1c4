// In-test OTLP receivers on 127.0.0.1: HTTP (JSON bodies) and gRPC (protobuf).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as grpc from "@grpc/grpc-js";

export interface HttpReceiver {
  url: string;
  bodies: { path: string; json: unknown }[];
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const bodies: HttpReceiver["bodies"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push({
        path: req.url ?? "",
        json: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface GrpcReceiver {
  endpoint: string;
  traces: Buffer[];
  metrics: Buffer[];
  close(): Promise<void>;
}

function exportMethod(path: string): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: Buffer) => value,
    requestDeserialize: (value: Buffer) => value,
    responseSerialize: (value: Buffer) => value,
    responseDeserialize: (value: Buffer) => value,
  };
}

export async function startGrpcReceiver(): Promise<GrpcReceiver> {
  const traces: Buffer[] = [];
  const metrics: Buffer[] = [];
  const server = new grpc.Server();
  const collect =
    (into: Buffer[]): grpc.handleUnaryCall<Buffer, Buffer> =>
    (call, callback) => {
      into.push(call.request);
      callback(null, Buffer.alloc(0));
    };
  server.addService(
    { Export: exportMethod("/opentelemetry.proto.collector.trace.v1.TraceService/Export") },
    { Export: collect(traces) },
  );
  server.addService(
    { Export: exportMethod("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export") },
    { Export: collect(metrics) },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    endpoint: `grpc://127.0.0.1:${port}`,
    traces,
    metrics,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

/** Polls until `check` passes or the deadline expires. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
