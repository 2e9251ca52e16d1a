import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { redactor } from '../../src/model/sensitive.js';
import { MARKDOWN_LIMIT, render, renderMarkdownResult, serializePlan } from '../../src/render/index.js';
import { manyDomainsPlan, optOutPlan } from './big-plans.js';

const masked = redactor(false);
const ESC = '\u001b[';
// Masks written out by hand (`printf %s customer-000001 | sha256sum`), not computed by the code under test.
const MASKED_000001 = 'cu…01 (sha256:0e91f28d)';
const MASKED_000000 = 'cu…00 (sha256:088b25fc)';

describe('render', () => {
  const small = optOutPlan(3);

  it('prints text without ANSI escapes unless colour is asked for', () => {
    expect(render(small, { format: 'text', redactor: masked })).not.toContain(ESC);
    expect(render(small, { format: 'text', redactor: masked, color: false })).not.toContain(ESC);
  });

  it('colours text when colour is asked for', () => {
    expect(render(small, { format: 'text', redactor: masked, color: true })).toContain(`${ESC}32m+ domain.support-prod`);
  });

  it('masks speaker ids in text and markdown', () => {
    for (const format of ['text', 'markdown'] as const) {
      const out = render(small, { format, redactor: masked });
      expect(out).not.toContain('customer-000001');
      expect(out).toContain(MASKED_000001);
    }
  });

  it('groups the live status counts of a long list (issue 9, quiet: 1,500, not 1500)', () => {
    for (const format of ['text', 'markdown'] as const) {
      const out = render(optOutPlan(1500), { format, redactor: masked });
      expect(out).toContain('live status: 1,500 absent -> OPTED_OUT');
      expect(out).not.toContain('1500');
    }
  });

  it('shows full speaker ids in text with --show-sensitive', () => {
    expect(render(small, { format: 'text', redactor: redactor(true) })).toContain('~ customer-000001');
  });

  it('masks speaker ids in rendered JSON and marks it redacted', () => {
    const doc = JSON.parse(render(small, { format: 'json', redactor: masked })) as Plan;
    expect(doc.redacted).toBe(true);
    const op = doc.changes.find((c) => c.kind === 'opt-outs')?.operations[0];
    expect(op?.kind === 'OptOutSpeaker' ? op.speakerIds[0] : undefined).toBe(MASKED_000000);
    expect(JSON.stringify(doc)).not.toContain('customer-000000');
  });

  it('keeps full speaker ids in rendered JSON with --show-sensitive and in the saved plan', () => {
    const shown = JSON.parse(render(small, { format: 'json', redactor: redactor(true) })) as Plan;
    const saved = JSON.parse(serializePlan(small)) as Plan;
    for (const doc of [shown, saved]) {
      expect(doc.redacted).toBeUndefined();
      expect(doc.changes.find((c) => c.kind === 'opt-outs')?.speakerIds).toEqual(['customer-000000', 'customer-000001', 'customer-000002']);
    }
  });

  it('starts markdown with the sticky marker of the stack', () => {
    expect(render(small, { format: 'markdown', redactor: masked }).split('\n')[0]).toBe('<!-- voiceid-gitops:plan stack=big -->');
  });

  it('renders the summary it is given rather than recomputing it', () => {
    const doctored: Plan = { ...small, summary: { ...small.summary, add: 41 } };
    expect(render(doctored, { format: 'text', redactor: masked })).toContain('Plan: 41 to add,');
  });

  it('keeps a 100,000-opt-out plan within the GitHub comment limit, numbers grouped, the list summarised as counts', () => {
    const md = render(optOutPlan(100_000), { format: 'markdown', redactor: masked });
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(md).toContain('**Plan: 2 to add, 0 to change, 0 to delete, 100,000 speakers to opt out, 0 jobs to start.**');
    expect(md).toContain('!     100,000 ids from optouts/support-prod.txt: 100,000 to opt out, 0 already opted out\n');
    expect(md).toMatch(/^! {5}list sha256:[0-9a-f]{12} \(= LC_ALL=C sort -u <ids> \| sha256sum\)$/m);
    expect(md).toContain('# ids not listed (masked): the saved plan holds them, --show-sensitive lists them');
    expect(md).not.toMatch(/\(sha256:[0-9a-f]{8}\)/);
    // No line of a code block is longer than 100 characters (GitHub cuts them at the box's edge).
    expect(Math.max(...md.split('```diff')[1]!.split('```')[0]!.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('lists every id of a long opt-out list with --show-sensitive, and no footer claims masking', () => {
    const md = render(optOutPlan(20), { format: 'markdown', redactor: redactor(true) });
    expect(md.match(/^!\s+customer-\d+$/gm)).toHaveLength(20);
    expect(md).toContain('Speaker ids are shown in full (--show-sensitive).');
    expect(md).not.toContain('Speaker ids are masked');
  });

  it('truncates a plan of 400 domains, naming every domain left out with its counts and where the whole plan is', () => {
    const md = render(manyDomainsPlan(400), { format: 'markdown', redactor: masked, fullPlanLocation: 'the `voiceid-plan` artifact' });
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(md).toContain("This comment is truncated to fit GitHub's 65,536-character limit; the whole plan is in the `voiceid-plan` artifact.");
    const shown = [...md.matchAll(/<summary><code>domain\.(line-\d{4})<\/code>/g)].map((m) => m[1]);
    const omitted = [...md.matchAll(/^- `domain\.(line-\d{4})`: 3 changes: 2 to add, 3 speakers to opt out$/gm)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(0);
    expect(md).toContain(`#### Not shown here: ${400 - shown.length} domains`);
    // Every domain is either shown or named, in plan order, none twice.
    expect([...shown, ...omitted]).toEqual(Array.from({ length: 400 }, (_, i) => `line-${String(i).padStart(4, '0')}`));
  });

  it('reports which domains it left out, and nothing when all fit', () => {
    const cut = renderMarkdownResult(manyDomainsPlan(400), { redactor: masked });
    expect(cut.truncated).toBe(true);
    expect(cut.omittedDomains.length).toBeGreaterThan(0);
    expect(cut.omittedDomains.at(-1)).toBe('line-0399');
    const whole = renderMarkdownResult(manyDomainsPlan(400), { redactor: masked, limit: 1024 * 1024 });
    expect(whole).toMatchObject({ truncated: false, omittedDomains: [] });
    expect(whole.markdown).not.toContain('Not shown here');
  });

  it('never throws, even on a malformed plan', () => {
    const broken = { ...small, changes: null } as unknown as Plan;
    for (const format of ['text', 'markdown', 'json'] as const) {
      expect(() => render(broken, { format, redactor: masked })).not.toThrow();
    }
    expect(render(broken, { format: 'text', redactor: masked })).toMatch(/^voiceid-gitops: the plan could not be rendered in full/);
  });
});

describe('markdown destructive call-out', () => {
  it('lists domain deletions above the per-domain details', () => {
    const kept = optOutPlan(1);
    const prunePlan: Plan = {
      ...kept,
      changes: [
        {
          address: 'domain.old-line',
          kind: 'domain',
          action: 'delete',
          domainKey: 'old-line',
          domainId: 'GVkdEHEeyRuHxHatjqWE8E',
          impact: 'destroy',
          destructive: true,
          before: { name: 'old-line', kmsKeyId: 'alias/k' },
          operations: [{ kind: 'DeleteDomain', input: { DomainId: 'GVkdEHEeyRuHxHatjqWE8E' } }],
          reasons: [],
        },
      ],
      summary: { ...kept.summary, add: 0, optOut: 0, delete: 1 },
    };
    const md = render(prunePlan, { format: 'markdown', redactor: masked });
    const callout = md.indexOf('**What this plan does**');
    expect(callout).toBeGreaterThan(0);
    expect(callout).toBeLessThan(md.indexOf('<details>'));
    expect(md).toContain('> - `domain.old-line`: DELETED (GVkdEHEeyRuHxHatjqWE8E) with all its speakers, fraudsters and voiceprints');
  });
});
