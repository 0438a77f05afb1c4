// GLIDE's valkey-search option types (GlideFtOptions) and the argument lists
// they turn into: the schema of FT.CREATE, and the options of FT.SEARCH and
// FT.AGGREGATE (also used by FT.PROFILE).
import type { GlideRecord, GlideString, SortOrder } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";

interface BaseField {
  name: GlideString;
  alias?: GlideString;
  sortable?: boolean;
}

export type TextField = BaseField & {
  type: "TEXT";
  nostem?: boolean;
  weight?: number;
  withsuffixtrie?: boolean;
  nosuffixtrie?: boolean;
};

export type TagField = BaseField & {
  type: "TAG";
  separator?: GlideString;
  caseSensitive?: boolean;
};

export type NumericField = BaseField & { type: "NUMERIC" };

interface VectorFieldAttributes {
  dimensions: number;
  distanceMetric: "L2" | "IP" | "COSINE";
  /** Only FLOAT32 exists; the default. */
  type?: "FLOAT32";
  initialCap?: number;
}

export type VectorFieldAttributesFlat = VectorFieldAttributes & { algorithm: "FLAT" };

export type VectorFieldAttributesHnsw = VectorFieldAttributes & {
  algorithm: "HNSW";
  numberOfEdges?: number;
  vectorsExaminedOnConstruction?: number;
  vectorsExaminedOnRuntime?: number;
};

export type VectorField = BaseField & {
  type: "VECTOR";
  attributes: VectorFieldAttributesFlat | VectorFieldAttributesHnsw;
};

export type Field = TextField | TagField | NumericField | VectorField;

export interface FtCreateOptions {
  dataType: "JSON" | "HASH";
  prefixes?: GlideString[];
  score?: number;
  language?: string;
  skipInitialScan?: boolean;
  minStemSize?: number;
  withOffsets?: boolean;
  noOffsets?: boolean;
  noStopWords?: boolean;
  stopWords?: GlideString[];
  punctuation?: GlideString;
}

export interface FtAggregateLimit {
  type: "LIMIT";
  offset: number;
  count: number;
}

export interface FtAggregateFilter {
  type: "FILTER";
  expression: GlideString;
}

export interface FtAggregateReducer {
  function: string;
  args: GlideString[];
  name?: GlideString;
}

export interface FtAggregateGroupBy {
  type: "GROUPBY";
  properties: GlideString[];
  reducers: FtAggregateReducer[];
}

export interface FtAggregateSortProperty {
  property: GlideString;
  order: SortOrder;
}

export interface FtAggregateSortBy {
  type: "SORTBY";
  properties: FtAggregateSortProperty[];
  max?: number;
}

export interface FtAggregateApply {
  type: "APPLY";
  expression: GlideString;
  name: GlideString;
}

export type FtAggregateOptions = {
  timeout?: number;
  clauses?: (
    | FtAggregateLimit
    | FtAggregateFilter
    | FtAggregateGroupBy
    | FtAggregateSortBy
    | FtAggregateApply
  )[];
  params?: GlideRecord<GlideString>;
  verbatim?: boolean;
  inorder?: boolean;
  slop?: number;
  dialect?: number;
} & ({ loadFields?: GlideString[]; loadAll?: never } | { loadAll?: boolean; loadFields?: never });

export type FtSearchOptions = {
  timeout?: number;
  returnFields?: { fieldIdentifier: GlideString; alias?: GlideString }[];
  params?: GlideRecord<GlideString>;
  nocontent?: boolean;
  dialect?: number;
  verbatim?: boolean;
  inorder?: boolean;
  slop?: number;
  sortby?: GlideString;
  sortbyOrder?: SortOrder | "ASC" | "DESC";
  withsortkeys?: boolean;
  shardScope?: "ALLSHARDS" | "SOMESHARDS";
  consistency?: "CONSISTENT" | "INCONSISTENT";
} & (
  | { limit?: { offset: number; count: number }; count?: never }
  | { count?: boolean; limit?: never }
);

export interface FtInfoOptions {
  scope?: "LOCAL" | "PRIMARY" | "CLUSTER";
  shardScope?: "ALLSHARDS" | "SOMESHARDS";
  consistency?: "CONSISTENT" | "INCONSISTENT";
}

type Args = (GlideString | number)[];

/** `[count, ...items]`, the way the search commands prefix lists. */
function counted(items: readonly GlideString[]): Args {
  return [items.length, ...items];
}

function paramsArgs(params: GlideRecord<GlideString> | undefined): Args {
  if (params === undefined) return [];
  return ["PARAMS", params.length * 2, ...params.flatMap(({ key, value }) => [key, value])];
}

export function createArgs(options: FtCreateOptions | undefined): Args {
  if (options === undefined) return [];
  if (options.withOffsets && options.noOffsets) {
    throw new RequestError("FT.CREATE: withOffsets and noOffsets exclude each other");
  }
  if (options.noStopWords && options.stopWords !== undefined) {
    throw new RequestError("FT.CREATE: noStopWords and stopWords exclude each other");
  }
  const args: Args = ["ON", options.dataType];
  if (options.prefixes !== undefined) args.push("PREFIX", ...counted(options.prefixes));
  if (options.score !== undefined) args.push("SCORE", options.score);
  if (options.language !== undefined) args.push("LANGUAGE", options.language);
  if (options.skipInitialScan) args.push("SKIPINITIALSCAN");
  if (options.minStemSize !== undefined) args.push("MINSTEMSIZE", options.minStemSize);
  if (options.withOffsets) args.push("WITHOFFSETS");
  if (options.noOffsets) args.push("NOOFFSETS");
  if (options.noStopWords) args.push("NOSTOPWORDS");
  if (options.stopWords !== undefined) args.push("STOPWORDS", ...counted(options.stopWords));
  if (options.punctuation !== undefined) args.push("PUNCTUATION", options.punctuation);
  return args;
}

function vectorArgs(field: VectorField): Args {
  const attributes = field.attributes;
  const pairs: Args = [
    "DIM",
    attributes.dimensions,
    "DISTANCE_METRIC",
    attributes.distanceMetric,
    "TYPE",
    attributes.type ?? "FLOAT32",
  ];
  if (attributes.initialCap !== undefined) pairs.push("INITIAL_CAP", attributes.initialCap);
  if (attributes.algorithm === "HNSW") {
    if (attributes.numberOfEdges !== undefined) pairs.push("M", attributes.numberOfEdges);
    if (attributes.vectorsExaminedOnConstruction !== undefined) {
      pairs.push("EF_CONSTRUCTION", attributes.vectorsExaminedOnConstruction);
    }
    if (attributes.vectorsExaminedOnRuntime !== undefined) {
      pairs.push("EF_RUNTIME", attributes.vectorsExaminedOnRuntime);
    }
  }
  return [attributes.algorithm, pairs.length, ...pairs];
}

export function schemaArgs(schema: readonly Field[]): Args {
  if (!Array.isArray(schema) || schema.length === 0) {
    throw new RequestError("FT.CREATE needs a schema of at least one field");
  }
  const args: Args = ["SCHEMA"];
  for (const field of schema) {
    args.push(field.name);
    if (field.alias !== undefined) args.push("AS", field.alias);
    args.push(field.type);
    switch (field.type) {
      case "TEXT":
        if (field.nostem) args.push("NOSTEM");
        if (field.weight !== undefined) args.push("WEIGHT", field.weight);
        if (field.withsuffixtrie) args.push("WITHSUFFIXTRIE");
        else if (field.nosuffixtrie) args.push("NOSUFFIXTRIE");
        break;
      case "TAG":
        if (field.separator !== undefined) args.push("SEPARATOR", field.separator);
        if (field.caseSensitive) args.push("CASESENSITIVE");
        break;
      case "NUMERIC":
        break;
      case "VECTOR":
        args.push(...vectorArgs(field));
        break;
      default:
        throw new RequestError(`FT.CREATE: unknown field type ${String((field as Field).type)}`);
    }
    if (field.sortable && field.type !== "VECTOR") args.push("SORTABLE");
  }
  return args;
}

export function searchArgs(options: FtSearchOptions | undefined): Args {
  if (options === undefined) return [];
  if (options.sortby === undefined && options.sortbyOrder !== undefined) {
    throw new RequestError("FT.SEARCH: sortbyOrder needs sortby");
  }
  if (options.sortby === undefined && options.withsortkeys) {
    throw new RequestError("FT.SEARCH: withsortkeys needs sortby");
  }
  const args: Args = [];
  if (options.shardScope !== undefined) args.push(options.shardScope);
  if (options.consistency !== undefined) args.push(options.consistency);
  if (options.nocontent) args.push("NOCONTENT");
  if (options.verbatim) args.push("VERBATIM");
  if (options.inorder) args.push("INORDER");
  if (options.slop !== undefined) args.push("SLOP", options.slop);
  if (options.returnFields !== undefined) {
    const fields = options.returnFields.flatMap(({ fieldIdentifier, alias }) =>
      alias === undefined ? [fieldIdentifier] : [fieldIdentifier, "AS", alias],
    );
    args.push("RETURN", ...counted(fields));
  }
  if (options.sortby !== undefined) {
    args.push("SORTBY", options.sortby);
    if (options.sortbyOrder !== undefined) args.push(options.sortbyOrder);
  }
  if (options.withsortkeys) args.push("WITHSORTKEYS");
  if (options.timeout !== undefined) args.push("TIMEOUT", options.timeout);
  args.push(...paramsArgs(options.params));
  if (options.limit !== undefined) args.push("LIMIT", options.limit.offset, options.limit.count);
  if (options.count) args.push("COUNT");
  if (options.dialect !== undefined) args.push("DIALECT", options.dialect);
  return args;
}

export function aggregateArgs(options: FtAggregateOptions | undefined): Args {
  if (options === undefined) return [];
  const args: Args = [];
  if (options.verbatim) args.push("VERBATIM");
  if (options.inorder) args.push("INORDER");
  if (options.slop !== undefined) args.push("SLOP", options.slop);
  if (options.loadAll) args.push("LOAD", "*");
  else if (options.loadFields !== undefined) args.push("LOAD", ...counted(options.loadFields));
  if (options.timeout !== undefined) args.push("TIMEOUT", options.timeout);
  args.push(...paramsArgs(options.params));
  for (const clause of options.clauses ?? []) {
    switch (clause.type) {
      case "LIMIT":
        args.push("LIMIT", clause.offset, clause.count);
        break;
      case "FILTER":
        args.push("FILTER", clause.expression);
        break;
      case "GROUPBY":
        args.push("GROUPBY", ...counted(clause.properties));
        for (const reducer of clause.reducers) {
          args.push("REDUCE", reducer.function, ...counted(reducer.args));
          if (reducer.name !== undefined) args.push("AS", reducer.name);
        }
        break;
      case "SORTBY":
        args.push("SORTBY", clause.properties.length * 2);
        for (const { property, order } of clause.properties) args.push(property, order);
        if (clause.max !== undefined) args.push("MAX", clause.max);
        break;
      case "APPLY":
        args.push("APPLY", clause.expression, "AS", clause.name);
        break;
      default:
        throw new RequestError(
          `FT.AGGREGATE: unknown clause type ${String((clause as { type: unknown }).type)}`,
        );
    }
  }
  if (options.dialect !== undefined) args.push("DIALECT", options.dialect);
  return args;
}
