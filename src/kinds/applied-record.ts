/**
 * The `voiceid-gitops:applied` tag (PLAN.md §11; APPLY.md A2.5): what apply last made live, so the next plan can
 * tell changes made outside voiceid-gitops. Derived from the other kinds (no YAML of its own); bookkeeping.
 */
import { APPLIED_RECORD_TAG } from '../model/desired.js';
import type { Change } from '../model/plan.js';
import { planRecord, withoutEvidence } from '../plan/applied-record.js';
import { recordEvidence } from '../plan/trust.js';
import type { ResourceKindModule } from './types.js';
import { kindModule } from './registry.js';

export const appliedRecordKind: ResourceKindModule<'applied-record', never> = {
  kind: 'applied-record',
  description: 'the tag recording what apply last made live (bookkeeping)',
  // Not a target of its own: it follows its domain (PLAN.md R12.4).
  address: { shape: 'one' },
  destroys: false,
  yamlMembers: [],
  bookkeeping: true,
  // PLAN.md R13.6: the evidence fields (`c`, `a`, `f`) are the applying run's own commit and clock.
  comparable: withoutRecordEvidence,
  plan: ({ match, desired, live, record, domainId, ctx, unselected, evidence: planEvidence }) => {
    // PLAN.md R13.2: the evidence (commit, read time, full check) the record carries.
    const evidence = recordEvidence(desired, live, match.kind === 'managed', planEvidence);
    planRecord({ desired, ...(live ? { live } : {}), ...(record ? { record } : {}), domainId, kmsKeys: ctx.kmsKeys, out: ctx.out, ...(unselected ? { unselected } : {}), ...(evidence ? { evidence } : {}) });
    return 'continue';
  },
  apply: {
    // Its one TagResource is the tags kind's operation.
    operations: {},
    after: ['tags', 'watchlist', 'opt-outs', 'erased-speakers', 'deleted-fraudsters', 'enrollment-job', 'fraudster-registration-job'],
    // A2.5 (PLAN.md R11.5): only when what it records was made live.
    skipReason: (_change, done) => {
      const recorded = done.changes.filter((c) => kindModule(c.kind).record !== undefined);
      const missing = recorded.find((r) => !['applied', 'deferred'].includes(done.outcome(r.address)?.status ?? ''));
      return missing ? `dependency failed: ${missing.address} was not applied` : undefined;
    },
  },
  // One line, not a diff a reviewer has to read.
  render: { whole: (c, o) => [o.style.dim(`# ${c.address}: apply then records what it set (tag voiceid-gitops:applied)`)] },
  // Not declared: plan derives it.
  export: () => ({}),
  // PLAN.md R13.7: `plan --refresh` rewrites this one tag (its full check); the apply role tags through `tags`.
  iam: [{ action: 'voiceid:TagResource', role: 'plan', resource: 'voiceid-domain-record-tag', why: 'plan --refresh records its full check in the voiceid-gitops:applied tag (that tag only)' }],
};

/** The change with its record values (the tag's value, in `before`/`after` and the TagResource) without evidence. */
function withoutRecordEvidence(c: Change): unknown {
  return JSON.parse(JSON.stringify(c), (key, value: unknown) => ((key === APPLIED_RECORD_TAG || key === 'Value') && typeof value === 'string' ? withoutEvidence(value) : value));
}
