import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // Dropping a test database waits for a checkpoint, which a busy server can take a while over.
    hookTimeout: 60_000,
    pool: 'threads',
  },
});
