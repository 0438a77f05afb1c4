// @petrel/commands: every command Petrel speaks, defined once.
export * from "./command.js";
export * from "./command-records.js";
export { customCommandSpec, pingBatch } from "./definitions/connection.js";
export {
  evalsha,
  functionLoadBatch,
  functionStatsBatch,
  scriptLoad,
} from "./definitions/scripting.js";
export type * from "./generated/client-methods.generated.js";
export * from "./methods.js";
export * from "./options/index.js";
export * from "./replies/index.js";
export type * from "./routes.js";
export * from "./spec.js";
export { commandInfoByName, commandTable, generatedFrom } from "./table/index.js";
export { extractKeys, keyIndexes } from "./table/key-specs.js";
