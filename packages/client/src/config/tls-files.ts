// Reads PEM files for TLS: GLIDE main's loaders, and the client certificate a
// connection presents, read again at every connect so rotated files take effect.
import { ConfigurationError } from "@petrel/protocol";
import { fsModule } from "../lazy-builtins.js";
import type { ResolvedMutualTls } from "./resolved.js";

/** A client certificate and its key, as PEM bytes. */
export interface ClientCertificateAndKey {
  cert: Buffer;
  key: Buffer;
}

const readPemFile = async (filePath: string, label: string): Promise<Buffer> => {
  let data: Buffer;
  try {
    // node:fs loads on first use (lazy-builtins.ts): most clients never read a PEM file.
    data = await fsModule().promises.readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    const problem = code === "ENOENT" ? "not found" : "could not be read";
    throw new ConfigurationError(`${label} file ${problem}: ${filePath}`, { cause: error });
  }
  if (data.length === 0) throw new ConfigurationError(`${label} file is empty: ${filePath}`);
  return data;
};

/**
 * Reads PEM-encoded CA certificates from a file, for
 * `tlsAdvancedConfiguration.rootCertificates`.
 * @param filePath - Path of the PEM file.
 * @returns The file's bytes.
 * @throws ConfigurationError when the file is missing, unreadable or empty (the cause attached).
 * @example
 * ```ts
 * const rootCertificates = await loadRootCertificatesFromFile("/etc/valkey/ca.crt");
 * ```
 */
export const loadRootCertificatesFromFile = (filePath: string): Promise<Buffer> =>
  readPemFile(filePath, "Root certificate");

/**
 * Reads a PEM client certificate and its private key, for
 * `tlsAdvancedConfiguration.mutualTls` with `kind: "bytes"`. To pick up rotated files
 * without restarting the client, pass the paths with `kind: "path"` instead.
 * @param certPath - Path of the PEM certificate (chain).
 * @param keyPath - Path of the PEM private key.
 * @returns Both files' bytes.
 * @throws ConfigurationError when a file is missing, unreadable or empty (the cause attached).
 * @example
 * ```ts
 * const { cert, key } = await loadClientCertificateAndKeyFromFile("client.crt", "client.key");
 * const config = { useTLS: true, advancedConfiguration: { tlsAdvancedConfiguration: {
 *   mutualTls: { kind: "bytes", cert, key } } } };
 * ```
 */
export const loadClientCertificateAndKeyFromFile = async (
  certPath: string,
  keyPath: string,
): Promise<ClientCertificateAndKey> => {
  const [cert, key] = await Promise.all([
    readPemFile(certPath, "Client certificate"),
    readPemFile(keyPath, "Client key"),
  ]);
  return { cert, key };
};

/**
 * The certificate and key a new connection presents: the configured bytes, or the files
 * read now. Undefined without mutual TLS.
 */
export const clientIdentity = (
  mutualTls: ResolvedMutualTls | undefined,
):
  | { readonly cert: Buffer | string; readonly key: Buffer | string }
  | Promise<ClientCertificateAndKey>
  | undefined => {
  if (mutualTls === undefined || mutualTls.kind === "bytes") return mutualTls;
  return loadClientCertificateAndKeyFromFile(mutualTls.certPath, mutualTls.keyPath);
};
