// Lint: typescript-eslint recommended rules, a few type-aware rules (exhaustive switches, no dropped promises),
// plus the layer boundaries of ../shared/design/STYLE.md.
// Each layer lists what it may NOT import; `no-restricted-imports` reports the offending line.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`];
const sdk = { group: ['@aws-sdk/*', '@smithy/*'], message: 'only src/aws talks to the AWS SDK' };
const boundary = (files, forbidden, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((f) => ({ group: layer(f), message: `this layer must not depend on src/${f}` })),
          ...extra,
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.voiceid-local/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules need the type checker: projectService reuses tsconfig.json's program (one per process).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A switch over a union must name every member (and end in assertNever, src/model/assert-never.ts), so a new
      // Operation or ResourceKind cannot fall through silently.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { requireDefaultForNonUnion: true, considerDefaultExhaustiveForUnions: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-syntax': ['error', { selector: 'SwitchStatement:not(:has(> SwitchCase[test=null]))', message: 'end every switch in a default: assertNever(x) for a union' }],
    },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/model/**'], rules: { '@typescript-eslint/no-explicit-any': 'error' } },
  boundary(['src/model/**'], ['config', 'aws', 'live', 'plan', 'render', 'apply', 'github', 'cli', 'emulator', 'constraints'], [sdk, { group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:process'], message: 'src/model is pure vocabulary' }]),
  boundary(['src/constraints/**'], ['config', 'aws', 'live', 'plan', 'render', 'apply', 'github', 'cli', 'emulator'], [sdk]),
  boundary(['src/config/**'], ['aws', 'live', 'plan', 'render', 'apply', 'github', 'cli', 'emulator'], [sdk]),
  boundary(['src/aws/**'], ['config', 'live', 'plan', 'render', 'apply', 'github', 'cli', 'emulator']),
  boundary(['src/live/**'], ['config', 'plan', 'render', 'apply', 'github', 'cli', 'emulator'], [sdk]),
  boundary(['src/plan/**'], ['config', 'aws', 'live', 'render', 'apply', 'github', 'cli', 'emulator'], [sdk, { group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process'], message: 'src/plan is pure: no I/O' }]),
  boundary(['src/render/**'], ['config', 'aws', 'live', 'plan', 'apply', 'github', 'cli', 'emulator'], [sdk, { group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process'], message: 'src/render is pure: no I/O' }]),
  boundary(['src/apply/**'], ['config', 'live', 'render', 'github', 'cli', 'emulator'], [sdk]),
  // A resource kind's module gathers its parts from every engine layer (plan, apply, render, ...); only the composition
  // root, GitHub and the emulator are out of reach (ARCHITECTURE.md "Adding a resource kind").
  boundary(['src/kinds/**'], ['github', 'cli', 'emulator'], [sdk]),
  boundary(['src/github/**'], ['config', 'aws', 'live', 'plan', 'apply', 'cli', 'emulator'], [sdk]),
  // The emulator is the service itself: it never uses an AWS client (tests drive it with the real SDK).
  boundary(['src/emulator/**'], ['config', 'aws', 'live', 'plan', 'render', 'apply', 'github', 'cli'], [sdk]),
  // The CLI is the composition root: it may wire every layer, but reaches AWS only through src/aws.
  boundary(['src/cli/**'], [], [sdk]),
);
