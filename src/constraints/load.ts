/**
 * Loads specs/voice-id-constraints.json once, on first use (never at import: importing the package reads no file).
 * The file sits two directories above this module both in the source tree (src/constraints/) and in the build
 * (dist/constraints/), and ships in the npm package (`files`). An import attribute (`with { type: 'json' }`) would
 * not do: the file lies outside tsc's rootDir (src/), so the build would refuse it.
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
