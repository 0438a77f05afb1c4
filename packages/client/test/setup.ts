// Expected connection failures would otherwise log warnings in every fault test.
import { Logger } from "../src/logger.js";

Logger.setLoggerConfig("error");
