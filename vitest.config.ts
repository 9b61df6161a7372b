import { defineConfig } from 'vitest/config'

/**
 * Sibling packages resolve to their TypeScript sources in tests: the `sluice-source`
 * condition of their exports (plain `node` takes `default`, the compiled dist/).
 */
const SOURCE_CONDITIONS = ['sluice-source']

// Two projects: `unit` (fast, beside the code) and `slow` (processes, kills, stress).
// `npm test` runs both; `npm run test:unit` runs the fast one while editing.
export default defineConfig({
  resolve: { conditions: SOURCE_CONDITIONS },
  ssr: { resolve: { conditions: SOURCE_CONDITIONS } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,storage,coordinator,executor,client,proto,tools}/**/src/**/*.test.ts'],
          // Coordinator tests run tasks on the executor runtime, installed here (the coordinator does not import it).
          setupFiles: ['./vitest.unit-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: ['test/src/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
