// ConnectionErrors that keep what they wrap: `cause` through the error's
// constructor (ES2022), and `code` as on Node's own socket errors, so callers
// can tell ECONNREFUSED from ETIMEDOUT or a TLS failure without parsing text.
import { ConnectionError } from "@petrel/protocol";

/** A ConnectionError raised by a link; `code` is the system or TLS code when one is known. */
export interface LinkError extends ConnectionError {
  /** What failed underneath: a socket error, a credentials provider's error, … */
  readonly cause?: unknown;
  /** `ECONNREFUSED`, `ETIMEDOUT`, `ERR_SSL_WRONG_VERSION_NUMBER`…, copied from the cause or set for a timeout. */
  readonly code?: string;
}

// TLS alerts the server sends when it refuses (or misses) the client certificate under
// `tls-auth-clients yes`; OpenSSL's text alone does not say which side is at fault.
const refusedCertificate =
  /^ERR_SSL_(TLSV13|TLSV1|SSLV3)_ALERT_(CERTIFICATE_REQUIRED|UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED)$/;
const certificateHint =
  " (the server refused the client certificate: see tlsAdvancedConfiguration.mutualTls)";

/** `new ConnectionError(message)` carrying `cause` and `code` (the cause's own code unless given). */
export function connectionError(
  message: string,
  details: { readonly cause?: unknown; readonly code?: string } = {},
): LinkError {
  const { cause } = details;
  const code = details.code ?? codeOf(cause);
  const text =
    code !== undefined && refusedCertificate.test(code) ? message + certificateHint : message;
  const error = (
    cause === undefined ? new ConnectionError(text) : new ConnectionError(text, { cause })
  ) as LinkError;
  if (code !== undefined) {
    Object.defineProperty(error, "code", {
      value: code,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return error;
}

function codeOf(cause: unknown): string | undefined {
  if (typeof cause !== "object" || cause === null) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
