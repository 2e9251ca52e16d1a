/** Every one of the 29 Voice ID operations answers the real SDK client with its modelled output (or error). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as V from '@aws-sdk/client-voice-id';
import { GENERATED_ID, ID22, KEY_1, ROLE_ARN, STATUS, expectSdkError, startHarness } from './harness.js';
import type { Harness } from './harness.js';

interface Ctx {
  readonly h: Harness;
  readonly domainId: string;
  readonly otherDomainId: string;
  readonly arn: string;
  readonly defaultId: string;
  readonly ringId: string;
  readonly spareId: string;
  readonly fraudsterId: string;
  readonly enrollmentJobId: string;
  readonly registrationJobId: string;
}

let ctx: Ctx;
beforeEach(async () => {
  const h = await startHarness();
  const s = await h.emulator.admin.seed({
    domains: [
      {
        name: 'ops',
        tags: { team: 'cc' },
        watchlists: [{ name: 'ring' }, { name: 'spare' }],
        speakers: [{ customerSpeakerId: 'customer-0001', status: 'ENROLLED' }],
        fraudsters: [{ watchlists: ['Default', 'ring'] }],
        enrollmentJobs: [{ jobName: 'enrolled', status: 'COMPLETED' }],
        registrationJobs: [{ jobName: 'registered', status: 'COMPLETED' }],
      },
      { name: 'other' },
    ],
  });
  const w = s.watchlistIds[0]!;
  ctx = {
    h,
    domainId: s.domainIds[0]!,
    otherDomainId: s.domainIds[1]!,
    arn: s.domainArns[0]!,
    defaultId: w['Default']!,
    ringId: w['ring']!,
    spareId: w['spare']!,
    fraudsterId: s.fraudsterIds[0]![0]!,
    enrollmentJobId: s.enrollmentJobIds[0]![0]!,
    registrationJobId: s.registrationJobIds[0]![0]!,
  };
});
afterEach(async () => {
  await ctx.h.close();
});

type Output = { readonly $metadata: { readonly httpStatusCode?: number } } & Record<string, unknown>;
/** The SDK's overloads type each output precisely; the table only needs its metadata and members. */
const out = (p: Promise<object>) => p as Promise<Output>;
const job = { DataAccessRoleArn: ROLE_ARN, InputDataConfig: { S3Uri: 's3://bucket/in.json' }, OutputDataConfig: { S3Uri: 's3://bucket/out/' } };

/** [operation, call, what the output must hold]. */
const CASES: readonly [string, (c: Ctx) => Promise<Output>, (o: Output, c: Ctx) => void][] = [
  ['AssociateFraudster', (c) => out(c.h.voiceId.send(new V.AssociateFraudsterCommand({ DomainId: c.domainId, WatchlistId: c.spareId, FraudsterId: c.fraudsterId }))),
    (o, c) => expect((o['Fraudster'] as V.Fraudster).WatchlistIds).toContain(c.spareId)],
  ['CreateDomain', (c) => out(c.h.voiceId.send(new V.CreateDomainCommand({ Name: 'new', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }))),
    (o) => expect((o['Domain'] as V.Domain).DomainId).toMatch(ID22)],
  ['CreateWatchlist', (c) => out(c.h.voiceId.send(new V.CreateWatchlistCommand({ DomainId: c.otherDomainId, Name: 'new' }))),
    (o) => expect((o['Watchlist'] as V.Watchlist).WatchlistId).toMatch(ID22)],
  ['DeleteDomain', (c) => out(c.h.voiceId.send(new V.DeleteDomainCommand({ DomainId: c.otherDomainId }))), () => undefined],
  ['DeleteFraudster', (c) => out(c.h.voiceId.send(new V.DeleteFraudsterCommand({ DomainId: c.domainId, FraudsterId: c.fraudsterId }))), () => undefined],
  ['DeleteSpeaker', (c) => out(c.h.voiceId.send(new V.DeleteSpeakerCommand({ DomainId: c.domainId, SpeakerId: 'customer-0001' }))), () => undefined],
  ['DeleteWatchlist', (c) => out(c.h.voiceId.send(new V.DeleteWatchlistCommand({ DomainId: c.domainId, WatchlistId: c.spareId }))), () => undefined],
  ['DescribeDomain', (c) => out(c.h.voiceId.send(new V.DescribeDomainCommand({ DomainId: c.domainId }))),
    (o, c) => expect((o['Domain'] as V.Domain).Arn).toBe(c.arn)],
  ['DescribeFraudster', (c) => out(c.h.voiceId.send(new V.DescribeFraudsterCommand({ DomainId: c.domainId, FraudsterId: c.fraudsterId }))),
    (o, c) => expect((o['Fraudster'] as V.Fraudster).GeneratedFraudsterId).toBe(c.fraudsterId)],
  ['DescribeFraudsterRegistrationJob', (c) => out(c.h.voiceId.send(new V.DescribeFraudsterRegistrationJobCommand({ DomainId: c.domainId, JobId: c.registrationJobId }))),
    (o) => expect((o['Job'] as V.FraudsterRegistrationJob).JobName).toBe('registered')],
  ['DescribeSpeaker', (c) => out(c.h.voiceId.send(new V.DescribeSpeakerCommand({ DomainId: c.domainId, SpeakerId: 'customer-0001' }))),
    (o) => expect((o['Speaker'] as V.Speaker).GeneratedSpeakerId).toMatch(GENERATED_ID)],
  ['DescribeSpeakerEnrollmentJob', (c) => out(c.h.voiceId.send(new V.DescribeSpeakerEnrollmentJobCommand({ DomainId: c.domainId, JobId: c.enrollmentJobId }))),
    (o) => expect((o['Job'] as V.SpeakerEnrollmentJob).JobStatus).toBe('COMPLETED')],
  ['DescribeWatchlist', (c) => out(c.h.voiceId.send(new V.DescribeWatchlistCommand({ DomainId: c.domainId, WatchlistId: c.ringId }))),
    (o) => expect((o['Watchlist'] as V.Watchlist).Name).toBe('ring')],
  ['DisassociateFraudster', (c) => out(c.h.voiceId.send(new V.DisassociateFraudsterCommand({ DomainId: c.domainId, WatchlistId: c.ringId, FraudsterId: c.fraudsterId }))),
    (o, c) => expect((o['Fraudster'] as V.Fraudster).WatchlistIds).toEqual([c.defaultId])],
  ['ListDomains', (c) => out(c.h.voiceId.send(new V.ListDomainsCommand({}))),
    (o) => expect((o['DomainSummaries'] as V.DomainSummary[]).map((d) => d.Name)).toEqual(['ops', 'other'])],
  ['ListFraudsterRegistrationJobs', (c) => out(c.h.voiceId.send(new V.ListFraudsterRegistrationJobsCommand({ DomainId: c.domainId }))),
    (o, c) => expect((o['JobSummaries'] as V.FraudsterRegistrationJobSummary[]).map((j) => j.JobId)).toEqual([c.registrationJobId])],
  ['ListFraudsters', (c) => out(c.h.voiceId.send(new V.ListFraudstersCommand({ DomainId: c.domainId }))),
    (o, c) => expect((o['FraudsterSummaries'] as V.FraudsterSummary[]).map((f) => f.GeneratedFraudsterId)).toEqual([c.fraudsterId])],
  ['ListSpeakerEnrollmentJobs', (c) => out(c.h.voiceId.send(new V.ListSpeakerEnrollmentJobsCommand({ DomainId: c.domainId }))),
    (o, c) => expect((o['JobSummaries'] as V.SpeakerEnrollmentJobSummary[]).map((j) => j.JobId)).toEqual([c.enrollmentJobId])],
  ['ListSpeakers', (c) => out(c.h.voiceId.send(new V.ListSpeakersCommand({ DomainId: c.domainId }))),
    (o) => expect((o['SpeakerSummaries'] as V.SpeakerSummary[]).map((s) => s.CustomerSpeakerId)).toEqual(['customer-0001'])],
  ['ListTagsForResource', (c) => out(c.h.voiceId.send(new V.ListTagsForResourceCommand({ ResourceArn: c.arn }))),
    (o) => expect(o['Tags']).toEqual([{ Key: 'team', Value: 'cc' }])],
  ['ListWatchlists', (c) => out(c.h.voiceId.send(new V.ListWatchlistsCommand({ DomainId: c.domainId }))),
    (o) => expect((o['WatchlistSummaries'] as V.WatchlistSummary[])).toHaveLength(3)],
  ['OptOutSpeaker', (c) => out(c.h.voiceId.send(new V.OptOutSpeakerCommand({ DomainId: c.domainId, SpeakerId: 'customer-0001' }))),
    (o) => expect((o['Speaker'] as V.Speaker).Status).toBe('OPTED_OUT')],
  ['StartFraudsterRegistrationJob', (c) => out(c.h.voiceId.send(new V.StartFraudsterRegistrationJobCommand({ DomainId: c.domainId, ...job }))),
    (o) => expect((o['Job'] as V.FraudsterRegistrationJob).JobStatus).toBe('SUBMITTED')],
  ['StartSpeakerEnrollmentJob', (c) => out(c.h.voiceId.send(new V.StartSpeakerEnrollmentJobCommand({ DomainId: c.domainId, ...job }))),
    (o) => expect((o['Job'] as V.SpeakerEnrollmentJob).JobStatus).toBe('SUBMITTED')],
  ['TagResource', (c) => out(c.h.voiceId.send(new V.TagResourceCommand({ ResourceArn: c.arn, Tags: [{ Key: 'env', Value: 'prod' }] }))), () => undefined],
  ['UntagResource', (c) => out(c.h.voiceId.send(new V.UntagResourceCommand({ ResourceArn: c.arn, TagKeys: ['team'] }))), () => undefined],
  ['UpdateDomain', (c) => out(c.h.voiceId.send(new V.UpdateDomainCommand({ DomainId: c.domainId, Name: 'ops-2', ServerSideEncryptionConfiguration: { KmsKeyId: KEY_1 } }))),
    (o) => expect((o['Domain'] as V.Domain).Name).toBe('ops-2')],
  ['UpdateWatchlist', (c) => out(c.h.voiceId.send(new V.UpdateWatchlistCommand({ DomainId: c.domainId, WatchlistId: c.ringId, Description: 'updated' }))),
    (o) => expect((o['Watchlist'] as V.Watchlist).Description).toBe('updated')],
];

describe('the 29 operations', () => {
  it('covers 28 successful operations plus EvaluateSession', () => {
    expect(new Set(CASES.map(([op]) => op)).size).toBe(28);
  });

  it.each(CASES)('%s answers 200 with its modelled output and is counted once', async (op, call, check) => {
    const out = await call(ctx);
    expect(out.$metadata.httpStatusCode).toBe(200);
    check(out, ctx);
    expect(ctx.h.emulator.admin.callCounts()[op]).toBe(1);
  });

  it('EvaluateSession answers ResourceNotFoundException SESSION for an unknown session', async () => {
    await expectSdkError(
      ctx.h.voiceId.send(new V.EvaluateSessionCommand({ DomainId: ctx.domainId, SessionNameOrId: 'contact-1234' })),
      V.ResourceNotFoundException,
      { name: 'ResourceNotFoundException', status: STATUS.ResourceNotFoundException, resourceType: 'SESSION' },
    );
    expect(ctx.h.emulator.admin.callCounts()['EvaluateSession']).toBe(1);
  });

  it('EvaluateSession in an unknown domain answers ResourceNotFoundException DOMAIN', async () => {
    await expectSdkError(
      ctx.h.voiceId.send(new V.EvaluateSessionCommand({ DomainId: 'E'.repeat(22), SessionNameOrId: 'contact-1234' })),
      V.ResourceNotFoundException,
      { name: 'ResourceNotFoundException', status: STATUS.ResourceNotFoundException, resourceType: 'DOMAIN' },
    );
  });
});
