/** Large plans for rendering limits: built through the real engine from generated desired states. */
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import type { Plan } from '../../src/model/plan.js';
import { plan } from '../../src/plan/index.js';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const EMPTY_LIVE = { region: 'us-east-1', domains: [], kmsKeys: {} } as const;

function domain(key: string, speakers: readonly string[]): DesiredDomain {
  return {
    key,
    name: key,
    kmsKeyId: KMS,
    tags: { team: 'contact-center' },
    optedOutSpeakers: speakers,
    watchlists: [{ name: 'high-risk', description: 'Known fraud rings' }],
    enrollmentJobs: [],
    fraudsterRegistrationJobs: [],
  };
}

function state(domains: DesiredDomain[]): DesiredState {
  return { version: 1, stack: 'big', region: 'us-east-1', prune: false, domains };
}

export const speakerIds = (n: number, prefix = 'customer-'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);

/** One new domain whose opt-out list has `n` ids. */
export function optOutPlan(n: number): Plan {
  return plan(state([{ ...domain('support-prod', speakerIds(n)), optOutSources: ['optouts/support-prod.txt'] }]), EMPTY_LIVE);
}

/** `n` new domains, each with a few opt-outs. */
export function manyDomainsPlan(n: number): Plan {
  return plan(
    state(Array.from({ length: n }, (_, i) => domain(`line-${String(i).padStart(4, '0')}`, speakerIds(3, `c${i}-`)))),
    EMPTY_LIVE,
  );
}
