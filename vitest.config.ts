import { defineConfig } from 'vitest/config'

// Two projects: `unit` (fast, beside the code) and `slow` (processes, kills, stress).
// `npm test` runs both; `npm run test:unit` runs the fast one while editing.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,coordinator,executor,client,proto,tools}/**/src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
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
