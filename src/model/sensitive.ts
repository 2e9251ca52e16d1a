/**
 * Customer speaker ids are personal data (CONTRACT §6): every human-facing output masks them unless the user
 * passes --show-sensitive. The mask keeps two characters at each end and a short hash so that a reviewer can
 * still tell two ids apart and match one against a file they hold.
 */
import { createHash } from 'node:crypto';

export function maskSpeakerId(id: string): string {
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  const shown = id.length <= 4 ? '' : `${id.slice(0, 2)}…${id.slice(-2)} `;
  return `${shown}(sha256:${hash})`;
}

/** The masking policy handed to every renderer and logger. */
export interface Redactor {
  readonly showSensitive: boolean;
  speaker(id: string): string;
}

export function redactor(showSensitive: boolean): Redactor {
  return { showSensitive, speaker: showSensitive ? (id) => id : maskSpeakerId };
}
