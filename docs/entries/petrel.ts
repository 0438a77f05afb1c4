/**
 * The package to install: the GLIDE-compatible API, `import { GlideClusterClient } from "petrel"`.
 * @module petrel
 */
export * from "petrel";
