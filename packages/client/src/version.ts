/** Sent as `CLIENT SETINFO LIB-VER`; kept in step with package.json by the release process. */
export const PETREL_VERSION = "0.0.0";
