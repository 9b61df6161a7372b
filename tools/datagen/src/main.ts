// `npm run datagen -- --out data/activity-json/streaming --files 20 --rows 5000 --seed 42
//   [--interval-ms N] [--corrupt-rate R] [--start-time-ms T]`
import { parseArgs } from 'node:util'
import { generateActivityFiles } from './generate-activity-files.js'

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'data/activity-json/streaming' },
    files: { type: 'string', default: '20' },
    rows: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '42' },
    'interval-ms': { type: 'string', default: '0' },
    'corrupt-rate': { type: 'string', default: '0' },
    'start-time-ms': { type: 'string' },
  },
})

const started = Date.now()
const result = await generateActivityFiles({
  outDir: values.out!,
  files: Number(values.files),
  rowsPerFile: Number(values.rows),
  seed: Number(values.seed),
  intervalMs: Number(values['interval-ms']),
  corruptRate: Number(values['corrupt-rate']),
  ...(values['start-time-ms'] === undefined ? {} : { startTimeMs: Number(values['start-time-ms']) }),
  onFile: (path) => console.log(`wrote ${path}`),
})
console.log(`${result.files.length} files, ${result.rows} lines (${result.malformedLines} malformed) in ${Date.now() - started} ms`)
