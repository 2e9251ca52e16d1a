import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // nock 15 needs Promise.withResolvers (Node 22+); installed once for every test file on Node 20.
    setupFiles: ['test/setup/node20.ts'],
    // dist/ built once per run: child-process tests spawn the built CLI (test/helpers/built-cli.ts), not tsx.
    globalSetup: ['test/setup/build-dist.ts'],
    // Emulator-backed tests open loopback servers on port 0; keep the pool small for 2-core machines.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
