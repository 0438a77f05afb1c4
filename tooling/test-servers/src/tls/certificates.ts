// Generates a throwaway CA, a server certificate (SAN localhost and 127.0.0.1,
// usable for both server and client auth, since cluster nodes dial each other)
// and a client certificate, with the openssl CLI. EC keys keep this fast.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { TlsMaterial } from "../types.js";
import { TestServerError } from "../util/errors.js";

const run = promisify(execFile);
const validityDays = "7";
const keyOptions = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run("openssl", args, { cwd });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new TestServerError(`openssl ${args[0]} failed (is openssl installed?): ${detail}`);
  }
}

async function issueCertificate(
  directory: string,
  name: string,
  subject: string,
  extensions: string,
  serial: string,
): Promise<void> {
  const extensionsFile = `${name}.ext`;
  await writeFile(path.join(directory, extensionsFile), extensions);
  await openssl(
    [
      "req",
      "-new",
      ...keyOptions,
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.csr`,
      "-subj",
      subject,
    ],
    directory,
  );
  await openssl(
    [
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      // Explicit serials: parallel issuance must not share a ca.srl file.
      "-set_serial",
      serial,
      "-days",
      validityDays,
      "-extfile",
      extensionsFile,
      "-out",
      `${name}.crt`,
    ],
    directory,
  );
}

/**
 * Writes a new CA, a server and a client certificate into `directory` (which must exist).
 * Tests also use it for a certificate from a CA the servers do not trust.
 */
export async function generateTlsMaterial(directory: string): Promise<TlsMaterial> {
  await openssl(
    [
      "req",
      "-x509",
      ...keyOptions,
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      validityDays,
      "-subj",
      "/CN=Petrel Test CA",
    ],
    directory,
  );
  await Promise.all([
    issueCertificate(
      directory,
      "server",
      "/CN=localhost",
      "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n",
      "1001",
    ),
    issueCertificate(
      directory,
      "client",
      "/CN=petrel-client",
      "extendedKeyUsage=clientAuth\n",
      "1002",
    ),
  ]);
  const file = (name: string) => path.join(directory, name);
  return {
    caCertPath: file("ca.crt"),
    caCertPem: await readFile(file("ca.crt"), "utf8"),
    serverCertPath: file("server.crt"),
    serverKeyPath: file("server.key"),
    clientCertPath: file("client.crt"),
    clientKeyPath: file("client.key"),
    clientCertPem: await readFile(file("client.crt"), "utf8"),
    clientKeyPem: await readFile(file("client.key"), "utf8"),
  };
}
