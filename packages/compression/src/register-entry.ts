// `import "@petrel/compression/register"`: registers compression for every client.
import { registerCompression } from "./register.js";

registerCompression();
