/** Speakers (S12, S13) and EvaluateSession (S18). */
import { notFound, quotaExceeded } from '../errors.js';
import { paginate } from '../pagination.js';
import { generatedId } from '../random.js';
import type { SpeakerRec } from '../speaker-index.js';
import type { DomainRec } from '../store.js';
import type { SeedSpeakerStatus } from '../types.js';
import { activeDomain, pageOptions, speakerOut, str, type Handler, type OpContext } from './context.js';

const GENERATED = /^id#[a-zA-Z0-9]{22}$/;

export function newSpeaker(domain: DomainRec, ctx: OpContext, customerSpeakerId: string, status: SeedSpeakerStatus): SpeakerRec {
  const now = ctx.now();
  const rec: SpeakerRec = { seq: ctx.store.nextSeq(), generatedSpeakerId: generatedId(ctx.random), customerSpeakerId, status, createdAt: now, updatedAt: now };
  domain.speakers.add(rec);
  return rec;
}

function findSpeaker(domain: DomainRec, speakerId: string): SpeakerRec {
  const s = domain.speakers.find(speakerId);
  if (!s) throw notFound('SPEAKER', `The speaker does not exist in domain ${domain.domainId}.`);
  return s;
}

/** Creates-or-overrides (S12). A generated id names a speaker the service made, so an unknown one is not found. */
const optOut: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const speakerId = str(input, 'SpeakerId');
  let s = domain.speakers.find(speakerId);
  if (!s) {
    if (GENERATED.test(speakerId)) throw notFound('SPEAKER', `The speaker does not exist in domain ${domain.domainId}.`);
    if (domain.speakers.size >= ctx.limits.maxSpeakersPerDomain) {
      throw quotaExceeded(`The domain already has the maximum of ${ctx.limits.maxSpeakersPerDomain} speakers.`);
    }
    s = newSpeaker(domain, ctx, speakerId, 'OPTED_OUT');
  } else {
    s.status = 'OPTED_OUT';
    s.updatedAt = ctx.now();
  }
  ctx.store.changed();
  return { Speaker: speakerOut(domain.domainId, s) };
};

const describe: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  return { Speaker: speakerOut(domain.domainId, findSpeaker(domain, str(input, 'SpeakerId'))) };
};

const remove: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  domain.speakers.remove(findSpeaker(domain, str(input, 'SpeakerId')));
  ctx.store.changed();
  return {};
};

const list: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const page = paginate(domain.speakers.all(), input, pageOptions(ctx, 'ListSpeakers'));
  return { SpeakerSummaries: page.items.map((s) => speakerOut(domain.domainId, s)), NextToken: page.nextToken };
};

/** The emulator has no streaming sessions, so every session is unknown (S18). */
const evaluateSession: Handler = (input, ctx) => {
  activeDomain(ctx, str(input, 'DomainId'));
  throw notFound('SESSION', `The session ${str(input, 'SessionNameOrId')} does not exist.`);
};

export const speakerHandlers: Readonly<Record<string, Handler>> = {
  OptOutSpeaker: optOut,
  DescribeSpeaker: describe,
  DeleteSpeaker: remove,
  ListSpeakers: list,
  EvaluateSession: evaluateSession,
};
