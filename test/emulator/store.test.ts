import { describe, expect, it } from 'vitest';
import { SpeakerIndex, type SpeakerRec } from '../../src/emulator/speaker-index.js';
import { jobStatusAt, type JobRec } from '../../src/emulator/store.js';
import { startEmulator } from '../../src/emulator/index.js';

const speaker = (seq: number, customerSpeakerId: string): SpeakerRec => ({
  seq,
  generatedSpeakerId: `id#${String(seq).padStart(22, '0')}`,
  customerSpeakerId,
  status: 'ENROLLED',
  createdAt: 0,
  updatedAt: 0,
});

describe('speaker index', () => {
  it('finds a speaker by customer id and by generated id', () => {
    const idx = new SpeakerIndex();
    const s = speaker(1, 'cust-a');
    idx.add(s);
    expect([idx.find('cust-a'), idx.find(s.generatedSpeakerId)]).toEqual([s, s]);
  });

  it('pages in creation order after a cursor', () => {
    const idx = new SpeakerIndex();
    for (let i = 1; i <= 10; i++) idx.add(speaker(i * 2, `c${i}`));
    const page = idx.page(6, 3);
    expect([page.items.map((s) => s.customerSpeakerId), page.more]).toEqual([['c4', 'c5', 'c6'], true]);
  });

  it('forgets a removed speaker by both ids and in listings', () => {
    const idx = new SpeakerIndex();
    const a = speaker(1, 'a');
    idx.add(a);
    idx.add(speaker(2, 'b'));
    idx.remove(a);
    expect([idx.find('a'), idx.find(a.generatedSpeakerId), idx.all().map((s) => s.customerSpeakerId)]).toEqual([undefined, undefined, ['b']]);
  });
});

describe('job progress on the clock', () => {
  const job: JobRec = { seq: 1, kind: 'enrollment', jobId: 'j'.repeat(22), createdAt: 1_000, config: {} };

  it('is SUBMITTED for one step, IN_PROGRESS for the next, then COMPLETED', () => {
    expect([jobStatusAt(job, 1_999, 1000), jobStatusAt(job, 2_000, 1000), jobStatusAt(job, 3_000, 1000)]).toEqual([
      'SUBMITTED',
      'IN_PROGRESS',
      'COMPLETED',
    ]);
  });

  it('keeps a fixed (seeded or ended) status', () => {
    expect(jobStatusAt({ ...job, status: 'FAILED' }, 0, 1000)).toBe('FAILED');
  });
});

describe('bulk seeding', () => {
  it('creates 100,000 zero-padded speakers in one call', async () => {
    const emu = await startEmulator();
    await emu.admin.seed({ domains: [{ name: 'big', bulkSpeakers: { count: 100_000, prefix: 'cust-' } }] });
    const snap = emu.admin.snapshot() as unknown as { domains: { speakers: { customerSpeakerId: string }[] }[] };
    await emu.close();
    const ids = snap.domains[0]!.speakers.map((s) => s.customerSpeakerId);
    expect([ids.length, ids[0], ids[99_999]]).toEqual([100_000, 'cust-00000', 'cust-99999']);
  });
});
