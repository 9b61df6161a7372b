import { Sluice } from '@sluice/client'
import { MemoryStream } from '@sluice/client/testing'
const spark = await Sluice.builder().getOrCreate()
const input = new MemoryStream('value INT', spark)
const q = await input.toDF().writeStream.format('memory').queryName('e').option('checkpointLocation', 'tmp/prof7-' + Date.now()).start()
for (let i = 0; i < 100; i++) { input.addData(i); await q.processAllAvailable() }
const d = q.recentProgress.slice(-5).map(p => JSON.stringify(p.durationMs))
console.log(d.join('\n'))
await q.stop()
