/**
 * The narrow interfaces implemented on the real SDK v3 clients. Each method sends one command through the
 * pacer; the command is rebuilt per attempt from the SAME input object, so ClientTokens repeat on retries.
 * Inputs are cast from our readonly shapes to the SDK's mutable ones (same members, AWS spelling).
 */
import {
  AssociateFraudsterCommand, DisassociateFraudsterCommand,
  CreateDomainCommand, CreateWatchlistCommand, DeleteDomainCommand, DeleteWatchlistCommand, DescribeDomainCommand,
  DeleteFraudsterCommand, DeleteSpeakerCommand, DescribeFraudsterCommand, DescribeFraudsterRegistrationJobCommand, DescribeSpeakerCommand, DescribeSpeakerEnrollmentJobCommand, ListDomainsCommand,
  ListFraudsterRegistrationJobsCommand, ListFraudstersCommand, ListSpeakerEnrollmentJobsCommand, ListSpeakersCommand,
  ListTagsForResourceCommand, ListWatchlistsCommand, OptOutSpeakerCommand, StartFraudsterRegistrationJobCommand,
  StartSpeakerEnrollmentJobCommand, TagResourceCommand, UntagResourceCommand, UpdateDomainCommand, UpdateWatchlistCommand,
} from '@aws-sdk/client-voice-id';
import type {
  CreateDomainCommandInput, StartFraudsterRegistrationJobCommandInput, StartSpeakerEnrollmentJobCommandInput,
  TagResourceCommandInput, UntagResourceCommandInput, VoiceIDClient,
} from '@aws-sdk/client-voice-id';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import type { GetResourcesCommandInput, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { KmsApi, TaggingApi, VoiceIdApi } from './api.js';
import type { Pacer } from './pacer.js';

export function voiceIdApiOf(client: VoiceIDClient, pacer: Pacer): VoiceIdApi {
  const call = <O>(operation: string, send: () => Promise<O>, redact?: string): Promise<O> =>
    pacer.call({ service: 'voiceid', operation, ...(redact ? { redact: [redact] } : {}) }, send);
  return {
    listDomains: (i) => call('ListDomains', () => client.send(new ListDomainsCommand(i))),
    describeDomain: (i) => call('DescribeDomain', () => client.send(new DescribeDomainCommand(i))),
    createDomain: (i) => call('CreateDomain', () => client.send(new CreateDomainCommand(i as CreateDomainCommandInput))),
    updateDomain: (i) => call('UpdateDomain', () => client.send(new UpdateDomainCommand(i))),
    deleteDomain: (i) => call('DeleteDomain', () => client.send(new DeleteDomainCommand(i))),
    listTagsForResource: (i) => call('ListTagsForResource', () => client.send(new ListTagsForResourceCommand(i))),
    tagResource: (i) => call('TagResource', () => client.send(new TagResourceCommand(i as TagResourceCommandInput))),
    untagResource: (i) => call('UntagResource', () => client.send(new UntagResourceCommand(i as UntagResourceCommandInput))),
    listSpeakers: (i) => call('ListSpeakers', () => client.send(new ListSpeakersCommand(i))),
    describeSpeaker: (i) => call('DescribeSpeaker', () => client.send(new DescribeSpeakerCommand(i)), i.SpeakerId),
    optOutSpeaker: (i) => call('OptOutSpeaker', () => client.send(new OptOutSpeakerCommand(i)), i.SpeakerId),
    deleteSpeaker: (i) => call('DeleteSpeaker', () => client.send(new DeleteSpeakerCommand(i)), i.SpeakerId),
    listWatchlists: (i) => call('ListWatchlists', () => client.send(new ListWatchlistsCommand(i))),
    createWatchlist: (i) => call('CreateWatchlist', () => client.send(new CreateWatchlistCommand(i))),
    updateWatchlist: (i) => call('UpdateWatchlist', () => client.send(new UpdateWatchlistCommand(i))),
    deleteWatchlist: (i) => call('DeleteWatchlist', () => client.send(new DeleteWatchlistCommand(i))),
    listFraudsters: (i) => call('ListFraudsters', () => client.send(new ListFraudstersCommand(i))),
    associateFraudster: (i) => call('AssociateFraudster', () => client.send(new AssociateFraudsterCommand(i))),
    disassociateFraudster: (i) => call('DisassociateFraudster', () => client.send(new DisassociateFraudsterCommand(i))),
    describeFraudster: (i) => call('DescribeFraudster', () => client.send(new DescribeFraudsterCommand(i))),
    deleteFraudster: (i) => call('DeleteFraudster', () => client.send(new DeleteFraudsterCommand(i))),
    listSpeakerEnrollmentJobs: (i) => call('ListSpeakerEnrollmentJobs', () => client.send(new ListSpeakerEnrollmentJobsCommand(i))),
    describeSpeakerEnrollmentJob: (i) => call('DescribeSpeakerEnrollmentJob', () => client.send(new DescribeSpeakerEnrollmentJobCommand(i))),
    startSpeakerEnrollmentJob: (i) =>
      call('StartSpeakerEnrollmentJob', () => client.send(new StartSpeakerEnrollmentJobCommand(i as StartSpeakerEnrollmentJobCommandInput))),
    listFraudsterRegistrationJobs: (i) => call('ListFraudsterRegistrationJobs', () => client.send(new ListFraudsterRegistrationJobsCommand(i))),
    describeFraudsterRegistrationJob: (i) =>
      call('DescribeFraudsterRegistrationJob', () => client.send(new DescribeFraudsterRegistrationJobCommand(i))),
    startFraudsterRegistrationJob: (i) =>
      call('StartFraudsterRegistrationJob', () => client.send(new StartFraudsterRegistrationJobCommand(i as StartFraudsterRegistrationJobCommandInput))),
  };
}

export function taggingApiOf(client: ResourceGroupsTaggingAPIClient, pacer: Pacer): TaggingApi {
  return {
    getResources: (i) =>
      pacer.call({ service: 'tag', operation: 'GetResources' }, () => client.send(new GetResourcesCommand(i as GetResourcesCommandInput))),
  };
}

export function kmsApiOf(client: KMSClient, pacer: Pacer): KmsApi {
  return { describeKey: (i) => pacer.call({ service: 'kms', operation: 'DescribeKey' }, () => client.send(new DescribeKeyCommand(i))) };
}
