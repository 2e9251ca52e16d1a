/**
 * The layer boundaries of STYLE.md, enforced by eslint.config.js: lint one import as if it stood in a file of a
 * given layer, and check whether `no-restricted-imports` reports it.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The linted text stands in a file that does not exist, which the type-aware rules' project service cannot open
// (a parsing error, so no rule would report): these cases lint with type checking off, boundaries unchanged.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*.ts'] }],
});

async function restricted(filePath: string, importLine: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${importLine}\nexport const used = x;\n`, { filePath });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal === true);
  if (fatal !== undefined) throw new Error(`lint could not parse ${filePath}: ${fatal.message}`);
  return messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('layer boundaries', () => {
  it.each([
    ['src/plan/x.ts', "import { x } from '../aws/index.js';"],
    ['src/plan/x.ts', "import { x } from 'node:fs';"],
    ['src/plan/x.ts', "import { x } from '@aws-sdk/client-voice-id';"],
    ['src/render/x.ts', "import { x } from '../plan/index.js';"],
    ['src/model/x.ts', "import { x } from '../config/index.js';"],
    ['src/model/x.ts', "import { x } from 'node:fs';"],
    ['src/live/x.ts', "import { x } from '@aws-sdk/client-voice-id';"],
    ['src/apply/x.ts', "import { x } from '../live/index.js';"],
    ['src/cli/x.ts', "import { x } from '@aws-sdk/client-voice-id';"],
    ['src/emulator/x.ts', "import { x } from '../aws/index.js';"],
    ['src/github/x.ts', "import { x } from '../plan/index.js';"],
  ])('forbids %s to write %s', async (file, line) => {
    expect(await restricted(file, line)).toBe(true);
  });

  it.each([
    ['src/aws/x.ts', "import { x } from '@aws-sdk/client-voice-id';"],
    ['src/plan/x.ts', "import { x } from '../model/plan.js';"],
    ['src/plan/x.ts', "import { x } from 'node:crypto';"],
    ['src/live/x.ts', "import { x } from '../aws/index.js';"],
    ['src/apply/x.ts', "import { x } from '../plan/index.js';"],
    ['src/cli/x.ts', "import { x } from '../emulator/index.js';"],
    ['src/config/x.ts', "import { x } from '../constraints/validate.js';"],
  ])('allows %s to write %s', async (file, line) => {
    expect(await restricted(file, line)).toBe(false);
  });
});
