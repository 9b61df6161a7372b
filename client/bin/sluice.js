#!/usr/bin/env node
// The `sluice` command (npm links it from @sluice/client: `npx sluice --help`). It runs
// the compiled CLI, client/dist/cli/main.js, built by `npm run build` (`npm ci` builds).
let cli
try {
  cli = await import('../dist/cli/main.js')
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error
  process.stderr.write('sluice: the compiled CLI (client/dist/cli/main.js) is missing; run `npm run build` in the checkout\n')
  process.exit(2)
}
process.exitCode = await cli.main(process.argv.slice(2))
