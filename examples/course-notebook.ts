// The course notebook "Spark Streaming basics", line for line on Sluice.
// The contract for the public API: `npm run demo` runs this program
// (on generated data, embedded, no servers) and it must print what the comments say.
import { Sluice } from "@sluice/client";

const spark = await Sluice.builder().appName("streaming-concepts").getOrCreate();
// A cluster instead: Sluice.builder().remote("grpc://localhost:15002").getOrCreate()

const userhome = "tmp/sluice-demo";
const dataPath = "data/activity-json/streaming"; // written by `npm run datagen`

const schema =
  "Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, " +
  "User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, " +
  "x DOUBLE, y DOUBLE, z DOUBLE";

// Batch read
const staticDF = spark.read.format("json").schema(schema).load(dataPath);

// Streaming read: identical but for readStream; one file per micro-batch
const streamingDF = spark.readStream
  .format("json")
  .schema(schema)
  .option("maxFilesPerTrigger", 1)
  .load(dataPath);

// Batch write to a Delta table
await staticDF.write.format("delta").mode("append").save(`${userhome}/static-write`);

// Streaming write to a Delta table: a new table version per micro-batch
const outputPath = `${userhome}/streaming-concepts`;
const checkpointPath = `${outputPath}/checkpoint`;
const streamingQuery = await streamingDF.writeStream
  .format("delta")
  .option("checkpointLocation", checkpointPath)
  .outputMode("append")
  // .queryName("my_stream")
  // .trigger({ processingTime: "2 minutes" }) | { once: true } | { availableNow: true } | { continuous: "1 second" }
  .start(outputPath);

for (const s of spark.streams.active) console.log(s.id); // the query's id (a UUID)

await streamingQuery.awaitTermination(5_000); // blocks until stopped or 5 s pass
console.log(streamingQuery.recentProgress); // Spark-shaped progress objects, batchId 0, 1, ...
await streamingQuery.stop();

// display(): a memory sink (complete mode for aggregations, append otherwise), registered
// as a temporary table and shown live in the terminal and the dashboard
await spark.display(streamingDF, { streamName: "streaming_display" });
for (const stream of spark.streams.active) {
  if (stream.name === "streaming_display") console.log(`Found ${stream.name} (${stream.id})`);
}
console.log(await spark.catalog.listTables()); // [{ name: 'streaming_display', tableType: 'TEMPORARY', isTemporary: true, ... }]
await spark.sql(`SELECT * FROM streaming_display WHERE gt = "stand"`).show();

for (const s of spark.streams.active) await s.stop();
await spark.stop();
