// The numbers a workload can report, with their units and which way is better.

export type MetricId =
  | "opsPerSec"
  | "p50Micros"
  | "p99Micros"
  | "cpuMillisPer1kOps"
  | "serverCpuMillisPer1kOps"
  | "megabytesPerSec"
  | "coldStartMillis"
  | "peakRssMegabytes"
  | "cacheBytesPerEntry";

export interface MetricInfo {
  id: MetricId;
  /** Column heading. */
  heading: string;
  higherIsBetter: boolean;
  /** Digits after the decimal point when printed. */
  digits: number;
}

export const metricCatalog: Readonly<Record<MetricId, MetricInfo>> = {
  opsPerSec: { id: "opsPerSec", heading: "ops/s", higherIsBetter: true, digits: 0 },
  p50Micros: { id: "p50Micros", heading: "p50 µs", higherIsBetter: false, digits: 1 },
  p99Micros: { id: "p99Micros", heading: "p99 µs", higherIsBetter: false, digits: 1 },
  cpuMillisPer1kOps: {
    id: "cpuMillisPer1kOps",
    heading: "CPU ms / 1k ops",
    higherIsBetter: false,
    digits: 2,
  },
  serverCpuMillisPer1kOps: {
    id: "serverCpuMillisPer1kOps",
    heading: "server CPU ms / 1k ops",
    higherIsBetter: false,
    digits: 2,
  },
  megabytesPerSec: { id: "megabytesPerSec", heading: "MB/s", higherIsBetter: true, digits: 1 },
  coldStartMillis: {
    id: "coldStartMillis",
    heading: "cold start ms",
    higherIsBetter: false,
    digits: 1,
  },
  peakRssMegabytes: {
    id: "peakRssMegabytes",
    heading: "peak RSS MB",
    higherIsBetter: false,
    digits: 1,
  },
  cacheBytesPerEntry: {
    id: "cacheBytesPerEntry",
    heading: "heap B / cached entry",
    higherIsBetter: false,
    digits: 0,
  },
};

export type MetricValues = Partial<Record<MetricId, number>>;
