// Entry point `@petrel/test-servers/vitest`: what integration test files import.

export {
  authServerCredentials,
  defaultServerTopologies,
  type ProvidedServers,
  resolveRequestedTopologies,
  type ServerTopologyName,
  serverTopologyNames,
} from "./provided-context.js";
export {
  describeWithServers,
  getServers,
  getTopology,
  type TopologiesOf,
} from "./suite-helpers.js";
export { type SuiteTopology, topologyForSuite } from "./topology-for-suite.js";
export { withClosing } from "./with-closing.js";
