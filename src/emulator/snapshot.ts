/** The store <-> plain JSON (admin snapshot and the state file). */
import { SpeakerIndex, type SpeakerRec } from './speaker-index.js';
import type { DomainRec, FraudsterRec, IdempotencyRec, JobRec, Store, WatchlistRec } from './store.js';
import type { EmulatorSnapshot } from './types.js';

interface DomainJson extends Omit<DomainRec, 'tags' | 'watchlists' | 'speakers' | 'fraudsters' | 'jobs'> {
  readonly tags: Record<string, string>;
  readonly watchlists: WatchlistRec[];
  readonly speakers: readonly SpeakerRec[];
  readonly fraudsters: FraudsterRec[];
  readonly jobs: JobRec[];
}

/** The state as JSON text (the state file); one stringify, no intermediate copy of 100,000s of speakers. */
export function snapshotJson(store: Store, journal?: number): string {
  const domains: DomainJson[] = [...store.domains.values()].map((d) => ({
    ...d,
    tags: Object.fromEntries(d.tags),
    watchlists: [...d.watchlists.values()],
    speakers: d.speakers.all(),
    fraudsters: [...d.fraudsters.values()],
    jobs: [...d.jobs.values()],
  }));
  const extra = journal === undefined ? {} : { journal };
  return JSON.stringify({ version: 1, seq: store.seq, domains, idempotency: [...store.idempotency.values()], ...extra });
}

export const toSnapshot = (store: Store): EmulatorSnapshot => JSON.parse(snapshotJson(store)) as EmulatorSnapshot;

/** Replaces the store's content with a snapshot's. Domains with work still moving are tracked again. */
export function restoreSnapshot(store: Store, snap: EmulatorSnapshot): void {
  store.clear();
  store.seq = snap.seq;
  for (const raw of snap.domains as DomainJson[]) {
    const speakers = new SpeakerIndex();
    for (const s of raw.speakers) speakers.add({ ...s });
    const domain: DomainRec = {
      ...raw,
      tags: new Map(Object.entries(raw.tags)),
      watchlists: new Map(raw.watchlists.map((w) => [w.watchlistId, { ...w }])),
      speakers,
      fraudsters: new Map(raw.fraudsters.map((f) => [f.generatedFraudsterId, { ...f, watchlistIds: [...f.watchlistIds] }])),
      jobs: new Map(raw.jobs.map((j) => [j.jobId, { ...j }])),
      encryption: raw.encryption ? { ...raw.encryption } : undefined,
    };
    store.domains.set(domain.domainId, domain);
    store.track(domain);
  }
  for (const rec of snap.idempotency as IdempotencyRec[]) store.idempotency.set(rec.key, rec);
}
