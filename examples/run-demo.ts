// `npm run demo`: generates the course's accelerometer data, then runs the course
// notebook (examples/course-notebook.ts) on it, embedded (no servers).
import { rm } from 'node:fs/promises'
import { generateActivityFiles } from '@sluice/datagen'

const dataPath = 'data/activity-json/streaming'
await rm('tmp/sluice-demo', { recursive: true, force: true })
await rm(dataPath, { recursive: true, force: true })
const written = await generateActivityFiles({ outDir: dataPath, files: 20, rowsPerFile: 5000, seed: 42 })
console.log(`Generated ${written.files.length} files (${written.rows} rows) of course data in ${dataPath}`)
await import('./course-notebook.js')
