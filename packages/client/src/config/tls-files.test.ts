import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "@petrel/protocol";
import { afterAll, describe, expect, it } from "vitest";
import {
  clientIdentity,
  loadClientCertificateAndKeyFromFile,
  loadRootCertificatesFromFile,
} from "./tls-files.js";

const directory = mkdtempSync(join(tmpdir(), "petrel-tls-files-"));
const fixture = (name: string, contents: string): string => {
  const file = join(directory, name);
  writeFileSync(file, contents);
  return file;
};

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("TLS PEM file loaders (GLIDE main's names and messages)", () => {
  it("loadRootCertificatesFromFile returns the bytes, or a ConfigurationError with the cause", async () => {
    expect(await loadRootCertificatesFromFile(fixture("ca.pem", "CA"))).toEqual(Buffer.from("CA"));
    const missing = join(directory, "none.pem");
    const error = await loadRootCertificatesFromFile(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(`Root certificate file not found: ${missing}`);
    expect((error as Error).cause).toMatchObject({ code: "ENOENT" });
    const empty = fixture("empty.pem", "");
    await expect(loadRootCertificatesFromFile(empty)).rejects.toThrow(
      `Root certificate file is empty: ${empty}`,
    );
    await expect(loadRootCertificatesFromFile(directory)).rejects.toThrow(
      `Root certificate file could not be read: ${directory}`,
    );
  });

  it("loadClientCertificateAndKeyFromFile labels which file failed", async () => {
    const cert = fixture("c.pem", "CERT");
    const key = fixture("k.pem", "KEY");
    expect(await loadClientCertificateAndKeyFromFile(cert, key)).toEqual({
      cert: Buffer.from("CERT"),
      key: Buffer.from("KEY"),
    });
    const missing = join(directory, "gone.pem");
    await expect(loadClientCertificateAndKeyFromFile(missing, key)).rejects.toThrow(
      `Client certificate file not found: ${missing}`,
    );
    await expect(loadClientCertificateAndKeyFromFile(cert, missing)).rejects.toThrow(
      `Client key file not found: ${missing}`,
    );
  });

  it("clientIdentity reads path variants at every call, so rotated files show", async () => {
    const certPath = fixture("rot.crt", "ONE");
    const keyPath = fixture("rot.key", "KEY");
    expect(clientIdentity(undefined)).toBeUndefined();
    const bytes = { kind: "bytes", cert: "C", key: "K" } as const;
    expect(clientIdentity(bytes)).toBe(bytes);
    const paths = { kind: "path", certPath, keyPath } as const;
    expect((await clientIdentity(paths))?.cert).toEqual(Buffer.from("ONE"));
    writeFileSync(certPath, "TWO");
    expect((await clientIdentity(paths))?.cert).toEqual(Buffer.from("TWO"));
  });
});
