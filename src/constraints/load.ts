/**
 * Loads specs/voice-id-constraints.json once. The file sits two directories above this module both in the
 * source tree (src/constraints/) and in the build (dist/constraints/), and ships in the npm package (`files`).
 */
import { readFileSync } from 'node:fs';
import type { ConstraintsFile } from './types.js';

let cached: ConstraintsFile | undefined;

export function voiceIdConstraints(): ConstraintsFile {
  cached ??= JSON.parse(
    readFileSync(new URL('../../specs/voice-id-constraints.json', import.meta.url), 'utf8'),
  ) as ConstraintsFile;
  return cached;
}
