/**
 * Customer speaker ids are personal data (CONTRACT §6): every human-facing output masks them unless the user
 * passes --show-sensitive. The mask keeps two characters at each end and a short hash so that a reviewer can
 * still tell two ids apart and match one against a file they hold.
 */
import { createHash } from 'node:crypto';
import type { DesiredState } from './desired.js';
import type { Operation, Plan } from './plan.js';

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

/** Speaker ids are tokens of these characters (CustomerSpeakerId: `^[a-zA-Z0-9][a-zA-Z0-9_-]*$`). */
const TOKEN = /[A-Za-z0-9_-]+/g;

/**
 * The one masking pass at the output boundary (src/cli/run.ts wraps stdout and stderr with it): every declared
 * speaker id, wherever it appears in whatever is printed (our messages, AWS and GitHub errors, renderers), is
 * shown masked. Ids match whole tokens, so `cust-1` is not masked inside `cust-12`; an id that is also an ordinary
 * word of the output is masked there too, which is the safe side. One pass over the text, a Set lookup per token.
 */
export class SpeakerMask {
  private readonly ids = new Set<string>();

  declare(ids: Iterable<string>): void {
    for (const id of ids) this.ids.add(id);
  }

  apply(text: string): string {
    if (this.ids.size === 0) return text;
    return text.replace(TOKEN, (token) => (this.ids.has(token) ? maskSpeakerId(token) : token));
  }
}

/** Every customer speaker id a desired state declares (what the output boundary masks). */
export function declaredSpeakerIds(state: DesiredState): Iterable<string> {
  return state.domains.flatMap((d) => [...d.optedOutSpeakers, ...(d.erasedSpeakers ?? [])]);
}

/**
 * The customer speaker ids an operation carries: its `speakerIds` member (OptOutSpeaker, DeleteSpeaker), whichever
 * operation has one, so that a new operation with speaker ids is masked without being listed anywhere.
 */
export function operationSpeakerIds(op: Operation): readonly string[] | undefined {
  return 'speakerIds' in op ? op.speakerIds : undefined;
}

/**
 * Every customer speaker id a (saved) plan holds: its changes', operations' and messages' ids. A saved plan is
 * read from a file, so a missing list is tolerated here rather than crashing the masking.
 */
export function* planSpeakerIds(plan: Plan): Iterable<string> {
  for (const c of plan.changes) {
    yield* c.speakerIds ?? [];
    for (const op of (c.operations as readonly Operation[] | undefined) ?? []) yield* operationSpeakerIds(op) ?? [];
  }
  for (const m of [...plan.errors, ...plan.warnings, ...plan.notes]) yield* m.speakerIds ?? [];
}
