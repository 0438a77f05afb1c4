import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { AdminConnection, startStandalone, withAdminConnection } from "../src/index.js";
import { expectTopologyGone } from "./process-assertions.js";

function tlsHandshake(options: tls.ConnectionOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options, () => {
      socket.destroy();
      resolve();
    });
    socket.once("error", reject);
  });
}

describe("TLS standalone", () => {
  it("serves TLS with the generated CA, refuses plaintext, and stops cleanly", async () => {
    const server = await startStandalone({ tls: true });
    try {
      const material = server.description.tls!;
      expect(material.caCertPem).toContain("BEGIN CERTIFICATE");
      const [address] = server.description.addresses;
      const pong = await withAdminConnection(
        { ...address!, tls: { ca: material.caCertPem } },
        (connection) => connection.text("PING"),
      );
      expect(pong).toBe("PONG");
      // The certificate names localhost as well as 127.0.0.1.
      await tlsHandshake({ ...address!, servername: "localhost", ca: material.caCertPem });
      // Without the CA the certificate is untrusted.
      await expect(tlsHandshake({ ...address! })).rejects.toThrow(
        /self[- ]signed|unable to verify/i,
      );
      // A plaintext client gets no answer: the connection is closed on it.
      const plain = await AdminConnection.open({ ...address! });
      await expect(plain.call("PING")).rejects.toThrow(/closed|reset|timed out/i);
      plain.close();
    } finally {
      await server.stop();
    }
    expectTopologyGone(server);
  });

  it("can require a client certificate", async () => {
    const server = await startStandalone({ tls: true, requireClientCertificate: true });
    try {
      const material = server.description.tls!;
      const [address] = server.description.addresses;
      const withCertificate = await withAdminConnection(
        {
          ...address!,
          tls: { ca: material.caCertPem, cert: material.clientCertPem, key: material.clientKeyPem },
        },
        (connection) => connection.text("PING"),
      );
      expect(withCertificate).toBe("PONG");
      const withoutCertificate = withAdminConnection(
        { ...address!, tls: { ca: material.caCertPem } },
        (connection) => connection.text("PING"),
      );
      await expect(withoutCertificate).rejects.toThrow();
    } finally {
      await server.stop();
    }
    expectTopologyGone(server);
  });
});
