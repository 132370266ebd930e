import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/.tmp/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Removes the temp folders each test file made (tests/helpers/temp-dir.ts) when it ends.
    setupFiles: ['tests/helpers/remove-temp-dirs.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Fixture sites build in child processes; two cores, so two test files at a time.
    maxWorkers: 2,
  },
});
