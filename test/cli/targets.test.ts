/**
 * `--target` validation (PLAN.md R12.4, R12.5) on every targetable form of every registered kind: the addresses are
 * written out here as the plan prints them, never built with resourceAddress or targetForms, so a module whose
 * address or target part drifts fails. Run through the CLI's own checks (targetsOf: E_TARGET_INVALID;
 * checkTargets: E_TARGET_UNKNOWN), in memory.
 */
import { describe, expect, test } from 'vitest';
import { checkTargets, targetsOf } from '../../src/cli/targets.js';
import { KIND_ORDER, kindModule } from '../../src/kinds/registry.js';
import type { DesiredDomain, DesiredState } from '../../src/model/desired.js';
import { GitopsError } from '../../src/model/errors.js';
import type { LiveDomain, LiveState } from '../../src/model/live.js';
import { isTargetAddress } from '../../src/plan/index.js';
import { liveOf } from '../helpers/live-of.js';

/** One literal address per targetable kind, as `plan` prints its changes for domain `support`. */
const ADDRESS: Readonly<Record<string, string>> = {
  domain: 'domain.support',
  tags: 'domain.support.tags',
  watchlist: 'domain.support.watchlist.high-risk',
  'watchlist-members': 'domain.support.watchlist-members',
  'opt-outs': 'domain.support.opt-outs',
  'erased-speakers': 'domain.support.erased-speakers',
  'deleted-fraudsters': 'domain.support.deleted-fraudsters',
  'enrollment-job': 'domain.support.enrollment-job.backfill',
  'fraudster-registration-job': 'domain.support.fraudster-registration-job.ring-42',
};

const FORMS =
  'domain.KEY, domain.KEY.tags, domain.KEY.watchlist-members, domain.KEY.opt-outs, domain.KEY.erased-speakers, domain.KEY.deleted-fraudsters, ' +
  'domain.KEY.watchlist.NAME, domain.KEY.enrollment-job.NAME or domain.KEY.fraudster-registration-job.NAME';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const job = { dataAccessRoleArn: 'arn:aws:iam::111122223333:role/R', inputS3Uri: 's3://b/i.json', outputS3Uri: 's3://b/o/' };
/** Domain `support` declaring every kind, so each has an address to name. */
const support: DesiredDomain = {
  key: 'support', name: 'support', kmsKeyId: KMS, tags: { team: 'cc' },
  optedOutSpeakers: ['cust-1'], erasedSpeakers: ['cust-2'], deletedFraudsters: ['id#AAAAAAAAAAAAAAAAAAAAAA'],
  watchlists: [{ name: 'high-risk', fraudsters: ['id#BBBBBBBBBBBBBBBBBBBBBB'] }],
  enrollmentJobs: [{ jobName: 'backfill', ...job }],
  fraudsterRegistrationJobs: [{ jobName: 'ring-42', ...job, watchlists: ['high-risk'] }],
};
const desired: DesiredState = { version: 1, stack: 'prod', region: 'us-east-1', prune: true, domains: [support] };
const noLive: LiveState = { region: 'us-east-1', kmsKeys: {}, domains: [] };

/** The error a call throws, as `code: message`; 'ok' when it throws none. */
function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof GitopsError) return `${e.code}: ${e.message}`;
    throw e;
  }
}
const given = (...target: string[]) => outcome(() => targetsOf({ target }));
const checked = (targets: string[], live: LiveState = noLive) => outcome(() => checkTargets(targets, desired, live, ['stack'], {}));

describe('--target validation over every registered kind', () => {
  test('the literal table names exactly the kinds whose module declares a target (a new kind needs a row)', () => {
    expect(Object.keys(ADDRESS).sort()).toEqual(KIND_ORDER.filter((k) => kindModule(k).address.target !== undefined).sort());
    expect(KIND_ORDER.filter((k) => kindModule(k).address.target === undefined)).toEqual(['applied-record']);
  });

  test.each(Object.entries(ADDRESS))('%s: %s is an address, passes E_TARGET_INVALID and E_TARGET_UNKNOWN', (_kind, address) => {
    expect(isTargetAddress(address)).toBe(true);
    expect(outcome(() => targetsOf({ target: [address] }))).toBe('ok');
    expect(targetsOf({ target: [address, address] })).toEqual([address]);
    expect(checked([address])).toBe('ok');
  });

  test.each([
    ['the applied record (it follows its domain)', 'domain.support.applied-record'],
    ['a named kind without its name', 'domain.support.watchlist'],
    ['a named job kind without its name', 'domain.support.enrollment-job'],
    ['a one-per-domain kind with a name', 'domain.support.tags.team'],
    ['members of one watchlist', 'domain.support.watchlist-members.high-risk'],
    ['no domain. prefix', 'support.tags'],
    ['an empty key', 'domain..tags'],
    ['a key starting with a dash', 'domain.-support'],
    ['an unknown kind', 'domain.support.speakers'],
    ['a name with a space', 'domain.support.watchlist.high risk'],
  ])('%s (%s) is E_TARGET_INVALID, listing every form', (_why, bad) => {
    expect(isTargetAddress(bad)).toBe(false);
    expect(given('domain.support', bad)).toBe(`E_TARGET_INVALID: --target ${JSON.stringify(bad)} is not a resource address: use ${FORMS}`);
  });

  test('a well-formed address that names nothing is E_TARGET_UNKNOWN, listing every declared address', () => {
    expect(checked(['domain.support.watchlist.low-risk', 'domain.support'])).toBe(
      'E_TARGET_UNKNOWN: --target domain.support.watchlist.low-risk names no resource of stack "prod"; valid addresses: domain.support, ' +
        'domain.support.deleted-fraudsters, domain.support.enrollment-job.backfill, domain.support.erased-speakers, ' +
        'domain.support.fraudster-registration-job.ring-42, domain.support.opt-outs, domain.support.tags, domain.support.watchlist-members, ' +
        'domain.support.watchlist.high-risk; nothing was changed',
    );
  });

  test('a live custom watchlist of a managed domain is valid (a plan may delete it); erased and deleted only where declared, members always', () => {
    const base = liveOf(desired);
    const [d] = base.domains as [LiveDomain];
    const withOldRing: LiveState = { ...base, domains: [{ ...d, details: { ...d.details!, watchlists: [...d.details!.watchlists, { watchlistId: 'w-old', name: 'old-ring', isDefault: false }] } }] };
    expect(checked(['domain.support.watchlist.old-ring'], withOldRing)).toBe('ok');
    expect(checked(['domain.support.watchlist.old-ring'])).toMatch(/^E_TARGET_UNKNOWN: --target domain\.support\.watchlist\.old-ring names no resource/);
    const { erasedSpeakers: _e, deletedFraudsters: _f, ...rest } = support;
    const bare: DesiredState = { ...desired, domains: [{ ...rest, watchlists: [], fraudsterRegistrationJobs: [] }] };
    const unknown = ['domain.support.erased-speakers', 'domain.support.deleted-fraudsters'];
    expect(outcome(() => checkTargets(unknown, bare, noLive, ['stack'], {}))).toBe(
      'E_TARGET_UNKNOWN: --target domain.support.erased-speakers, domain.support.deleted-fraudsters name no resource of stack "prod"; ' +
        'valid addresses: domain.support, domain.support.enrollment-job.backfill, domain.support.opt-outs, domain.support.tags, domain.support.watchlist-members; nothing was changed',
    );
    expect(outcome(() => checkTargets(['domain.support.watchlist-members'], bare, noLive, ['stack'], {}))).toBe('ok');
  });
});
