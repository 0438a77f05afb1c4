// `import "@petrel/iam/register"`: registers the IAM provider with default settings.
import { registerIam } from "./register.js";

registerIam();
