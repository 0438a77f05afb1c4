// The app the bundle check builds: connects to a cluster through `petrel`,
// runs a few commands and a batch, and prints what it got as one JSON line.
import { ClusterBatch, configFromUri, GlideClusterClient } from "petrel";

const uri = process.argv[2];
if (uri === undefined) {
  console.error("usage: node app.js valkey://host:port");
  process.exit(2);
}
const client = await GlideClusterClient.createClient(configFromUri(uri));
try {
  await client.set("bundle:{1}:a", "1");
  const batch = new ClusterBatch(true).incrBy("bundle:{1}:a", 41).get("bundle:{1}:a");
  const results = await client.exec(batch, true);
  const value = await client.get("bundle:{1}:a");
  console.log(JSON.stringify({ results, value }));
} finally {
  client.close();
}
