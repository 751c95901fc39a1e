import { defineConfig } from 'vitest/config';

/** `npm run test:multi`: several real instances from dist/ on PostgreSQL behind nginx (test/multi). */
export default defineConfig({
  test: {
    include: ['test/multi/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
