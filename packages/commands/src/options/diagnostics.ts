// Reply types of the diagnostics commands (LATENCY, CLIENT TRACKINGINFO, MEMORY STATS).

/** One LATENCY HISTORY sample. */
export interface LatencyEntry {
  /** Unix time in seconds. */
  readonly time: number;
  /** Milliseconds. */
  readonly latency: number;
}

/** One LATENCY LATEST event. `sum` and `count` come from servers that send them (Valkey 8.1+). */
export interface LatencyEventInfo {
  readonly eventName: string;
  readonly latestTime: number;
  readonly latestDuration: number;
  readonly maxDuration: number;
  readonly sum?: number;
  readonly count?: number;
}

/** CLIENT TRACKINGINFO. */
export class ClientTrackingInfo {
  constructor(
    readonly flags: Set<string>,
    readonly redirect: number,
    readonly prefixes: Set<string>,
  ) {}
}

export interface MemoryStatsDb {
  overheadHashtableExpires: number;
  overheadHashtableMain: number;
}

/** MEMORY STATS with the server's dotted names camelCased ("peak.allocated" → peakAllocated). */
export interface MemoryStats {
  db: Record<number, MemoryStatsDb>;
  allocatorActive: number;
  allocatorAllocated: number;
  allocatorFragmentationBytes: number;
  allocatorResident: number;
  allocatorRssBytes: number;
  aofBuffer: number;
  clientsNormal: number;
  clientsSlaves: number;
  datasetBytes: number;
  fragmentationBytes: number;
  keysBytesPerKey: number;
  keysCount: number;
  luaCaches: number;
  overheadTotal: number;
  peakAllocated: number;
  replicationBacklog: number;
  rssOverheadBytes: number;
  startupAllocated: number;
  totalAllocated: number;
  allocatorFragmentationRatio: number;
  allocatorRssRatio: number;
  datasetPercentage: number;
  fragmentation: number;
  peakPercentage: number;
  rssOverheadRatio: number;
  clusterLinks?: number;
  functionsCaches?: number;
  allocatorMuzzy?: number;
  dbDictRehashingCount?: number;
  overheadDbHashtableLut?: number;
  overheadDbHashtableRehashing?: number;
}
