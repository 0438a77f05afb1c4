// The standalone app the bundle check builds: connects to one server through
// `petrel`, runs a command and a transaction, and prints what it got as one JSON line.
import { Batch, configFromUri, GlideClient } from "petrel";

const uri = process.argv[2];
if (uri === undefined) {
  console.error("usage: node standalone-app.js valkey://host:port");
  process.exit(2);
}
const client = await GlideClient.createClient(configFromUri(uri));
try {
  await client.set("bundle:a", "1");
  const batch = new Batch(true).incrBy("bundle:a", 41).get("bundle:a");
  const results = await client.exec(batch, true);
  const value = await client.get("bundle:a");
  console.log(JSON.stringify({ results, value }));
} finally {
  client.close();
}
