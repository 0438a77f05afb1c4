// Certificate paths the configuration renderers are tested with (no files behind them).
import type { TlsMaterial } from "../../types.js";

export const fakeTlsMaterial: TlsMaterial = {
  caCertPath: "/t/ca.crt",
  caCertPem: "",
  serverCertPath: "/t/server.crt",
  serverKeyPath: "/t/server.key",
  clientCertPath: "/t/client.crt",
  clientKeyPath: "/t/client.key",
  clientCertPem: "",
  clientKeyPem: "",
};
