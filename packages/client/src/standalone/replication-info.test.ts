import { describe, expect, it } from "vitest";
import { parseReplicationInfo } from "./replication-info.js";

describe("parseReplicationInfo", () => {
  it("reads a primary with its online replicas and its zone", () => {
    const info = parseReplicationInfo(
      [
        "# Replication",
        "role:master",
        "connected_slaves:2",
        "slave0:ip=10.0.0.2,port=6380,state=online,offset=1,lag=0",
        "slave1:ip=10.0.0.3,port=6381,state=wait_bgsave,offset=0,lag=0",
        "# Server",
        "availability_zone:us-east-1a",
      ].join("\r\n"),
    );
    expect(info).toEqual({
      role: "primary",
      primary: undefined,
      replicas: [{ host: "10.0.0.2", port: 6380 }],
      availabilityZone: "us-east-1a",
    });
  });

  it("reads a replica and the primary it follows", () => {
    const info = parseReplicationInfo(
      "role:slave\nmaster_host:10.0.0.1\nmaster_port:6379\nmaster_link_status:up\n",
    );
    expect(info.role).toBe("replica");
    expect(info.primary).toEqual({ host: "10.0.0.1", port: 6379 });
    expect(info.replicas).toEqual([]);
    expect(info.availabilityZone).toBeUndefined();
  });

  it("reports unknown for text without a role", () => {
    expect(parseReplicationInfo("garbage").role).toBe("unknown");
  });
});
