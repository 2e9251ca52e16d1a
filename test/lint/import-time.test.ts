/**
 * Importing the package reads no file (issue 10): the constraints JSON, the YAML schema and package.json are read
 * on first use. A child process imports the built modules with every fs read recorded (fixtures/record-reads.mjs).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/built-cli.js';

const MODULES = ['config/index.js', 'emulator/index.js', 'plan/index.js', 'apply/index.js', 'render/index.js', 'live/index.js', 'cli/run.js'];

test('importing the built modules reads no data file', async () => {
  const imports = MODULES.map((m) => `await import(${JSON.stringify(join(REPO_ROOT, 'dist', m))});`).join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(join(import.meta.dirname, 'fixtures/record-reads.mjs')).href, '--input-type=module', '-e', imports]);
  expect(JSON.parse(stdout)).toEqual([]);
});

test('the recorder sees a read of the constraints file once something needs it', async () => {
  const script = `const { voiceIdConstraints } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/constraints/load.js'))}); voiceIdConstraints();`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(join(import.meta.dirname, 'fixtures/record-reads.mjs')).href, '--input-type=module', '-e', script]);
  expect((JSON.parse(stdout) as string[]).map((p) => p.replace(/^file:\/\//, '').replace(REPO_ROOT, ''))).toEqual(['specs/voice-id-constraints.json']);
});
