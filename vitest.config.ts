import { defineConfig } from 'vitest/config';
import { isolatedGlobs } from './test/setup/isolated-files.js';

export default defineConfig({
  test: {
    // The AWS SDK's Node-version warning off in every test file, as the CLI's main.ts does.
    setupFiles: ['test/setup/sdk-warning.ts'],
    // dist/ built once per run: child-process tests spawn the built CLI (test/helpers/built-cli.ts), not tsx.
    globalSetup: ['test/setup/build-dist.ts'],
    // Emulator-backed tests open loopback servers on port 0. vitest's default on 2 cores is 1 worker, and much of
    // the suite waits for child processes (the built CLI, bash), so 2 workers keep both cores busy.
    pool: 'forks',
    maxWorkers: 2,
    // Limits that catch a hang, not a slow machine: on a loaded machine the two workers share this session's CPU,
    // and a test that spawns the CLI a few times takes twice as long as with one worker.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Most files share a worker's module cache; the files that change the process for the next ones run alone
    // (test/setup/isolated-files.ts says which and why).
    projects: [
      // Negated include patterns, not `exclude`: a project's own exclude would drop the command line's --exclude
      // (npm run test:unit).
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts', ...isolatedGlobs().map((g) => `!${g}`)], isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolatedGlobs(), isolate: true } },
    ],
  },
});
