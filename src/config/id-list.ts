/**
 * A YAML list of ids (opted-out or erased speakers, deleted fraudsters, watchlist members): each id valid for its
 * Voice ID shape and listed once. Speaker ids are personal data and masked in messages; fraudster ids are not.
 */
import type { ConfigCode } from './codes.js';
import { maskSpeakerId } from '../model/sensitive.js';
import { checkConstraint, type Reporter } from './constraint-check.js';
import type { Path } from './locate.js';

export interface IdListSpec {
  readonly shape: 'CustomerSpeakerId' | 'FraudsterId';
  readonly label: string;
  readonly duplicate: ConfigCode;
  /** Masks speaker ids (in messages and in the constraint check's own). */
  readonly speaker: boolean;
}

export const SPEAKER_IDS: IdListSpec = { shape: 'CustomerSpeakerId', label: 'speaker id', duplicate: 'E_DUPLICATE_SPEAKER', speaker: true };
export const FRAUDSTER_IDS: IdListSpec = { shape: 'FraudsterId', label: 'fraudster id', duplicate: 'E_DUPLICATE_FRAUDSTER', speaker: false };

/** The valid ids of `raw` at `path` (not a list: none; the schema reports the type), each with its item's path. */
export function checkIdList(r: Reporter, raw: unknown, path: Path, spec: IdListSpec): Array<{ id: string; path: Path }> {
  if (!Array.isArray(raw)) return [];
  const out: Array<{ id: string; path: Path }> = [];
  const first = new Map<string, number>();
  raw.forEach((id: unknown, i) => {
    if (typeof id !== 'string') return;
    const p = [...path, i];
    if (!checkConstraint(r, spec.shape, id, p, { label: spec.label, ...(spec.speaker ? { speaker: true } : {}) })) return;
    const seen = first.get(id);
    if (seen !== undefined) {
      r.report(spec.duplicate, `${spec.label} ${spec.speaker ? maskSpeakerId(id) : id} is listed twice (first as item ${seen + 1})`, p);
      return;
    }
    first.set(id, i);
    out.push({ id, path: p });
  });
  return out;
}
