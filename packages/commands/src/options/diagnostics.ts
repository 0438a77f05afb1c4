// Reply types of the diagnostics commands (LATENCY, CLIENT TRACKINGINFO, MEMORY STATS).

/** One LATENCY HISTORY sample (a class, as in GLIDE). */
export class LatencyEntry {
  constructor(
    /** Unix time in seconds. */
    readonly time: number,
    /** Milliseconds. */
    readonly latency: number,
  ) {}
}

/**
 * One LATENCY LATEST event (a class, as in GLIDE). `sum` and `count` come from servers that
 * send them (Valkey 8.1+), and are absent otherwise.
 */
export class LatencyEventInfo {
  declare readonly sum?: number;
  declare readonly count?: number;

  constructor(
    readonly eventName: string,
    /** Unix time in seconds. */
    readonly latestTime: number,
    /** Milliseconds. */
    readonly latestDuration: number,
    /** Milliseconds. */
    readonly maxDuration: number,
    sum?: number,
    count?: number,
  ) {
    if (sum !== undefined) (this as { sum?: number }).sum = sum;
    if (count !== undefined) (this as { count?: number }).count = count;
  }
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
