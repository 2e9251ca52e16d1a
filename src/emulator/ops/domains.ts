/** Domain operations (S1-S8, S14): create with a default watchlist, clobbering update, KMS re-encryption, soft delete. */
import { conflict, notFound, quotaExceeded, validationError } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { paginate } from '../pagination.js';
import { id22 } from '../random.js';
import { SpeakerIndex } from '../speaker-index.js';
import type { DomainRec } from '../store.js';
import { applyTags } from './tags.js';
import { activeDomain, domainOut, findDomain, optStr, pageOptions, str, type Handler, type Input, type OpContext } from './context.js';

export function newDomain(ctx: OpContext, name: string, kmsKeyId: string, description?: string): DomainRec {
  const now = ctx.now();
  const domainId = id22(ctx.random);
  const defaultWatchlistId = id22(ctx.random);
  const domain: DomainRec = {
    seq: ctx.store.nextSeq(),
    domainId,
    arn: `arn:aws:voiceid:${ctx.limits.region}:${ctx.limits.accountId}:domain/${domainId}`,
    name,
    description,
    status: 'ACTIVE',
    kmsKeyId,
    createdAt: now,
    updatedAt: now,
    defaultWatchlistId,
    tags: new Map(),
    watchlists: new Map(),
    speakers: new SpeakerIndex(),
    fraudsters: new Map(),
    jobs: new Map(),
  };
  domain.watchlists.set(defaultWatchlistId, {
    seq: ctx.store.nextSeq(),
    watchlistId: defaultWatchlistId,
    name: 'Default',
    description: 'Default watchlist',
    defaultWatchlist: true,
    createdAt: now,
    updatedAt: now,
  });
  ctx.store.domains.set(domainId, domain);
  ctx.store.changed();
  return domain;
}

const kmsKeyOf = (input: Input): string => (input.ServerSideEncryptionConfiguration as { KmsKeyId: string }).KmsKeyId;

const createDomain: Handler = (input, ctx) =>
  idempotent('CreateDomain', input, ctx, () => {
    if (ctx.store.activeDomainCount() >= ctx.limits.maxDomains) {
      throw quotaExceeded(`The request would exceed the quota of ${ctx.limits.maxDomains} domains per account.`);
    }
    const tags = (input.Tags as { Key: string; Value: string }[] | undefined) ?? [];
    if (new Set(tags.map((t) => t.Key)).size > ctx.limits.maxTagsPerDomain) {
      throw validationError(`At most ${ctx.limits.maxTagsPerDomain} tags are allowed per resource.`);
    }
    const domain = newDomain(ctx, str(input, 'Name'), kmsKeyOf(input), optStr(input, 'Description'));
    applyTags(domain, tags, ctx);
    return { Domain: domainOut(domain) };
  });

/** Starts (or, after FAILED, retries) the asynchronous re-encryption away from `oldKey` (S2, S3). */
function startReencryption(domain: DomainRec, oldKey: string, newKey: string, ctx: OpContext): void {
  domain.encryption = {
    oldKmsKeyId: oldKey,
    status: 'IN_PROGRESS',
    startedAt: ctx.now(),
    willFail: ctx.kms.unusable(newKey) || ctx.kms.unusable(oldKey),
  };
  ctx.store.track(domain);
}

const updateDomain: Handler = (input, ctx) => {
  const domain = activeDomain(ctx, str(input, 'DomainId'));
  const newKey = kmsKeyOf(input);
  const keyChanges = !ctx.kms.sameKey(newKey, domain.kmsKeyId);
  const enc = domain.encryption;
  if (keyChanges && enc?.status === 'IN_PROGRESS') {
    throw conflict(
      'The domain is locked from encryption updates while a previous KMS key update is in progress.',
      'DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES',
    );
  }
  if (keyChanges) startReencryption(domain, domain.kmsKeyId, newKey, ctx);
  else if (enc?.status === 'FAILED') startReencryption(domain, enc.oldKmsKeyId, newKey, ctx);
  domain.name = str(input, 'Name');
  // Clobber (S1): an absent Description removes it.
  domain.description = optStr(input, 'Description');
  domain.kmsKeyId = newKey;
  domain.updatedAt = ctx.now();
  ctx.store.changed();
  return { Domain: domainOut(domain) };
};

const deleteDomain: Handler = (input, ctx) => {
  const domain = findDomain(ctx, str(input, 'DomainId'));
  // INFERRED (S7/S15): a second delete of a soft-deleted domain finds nothing, as the CFN handler treats it.
  if (domain.status === 'SUSPENDED') throw notFound('DOMAIN', `The domain ${domain.domainId} does not exist.`);
  domain.status = 'SUSPENDED';
  domain.updatedAt = ctx.now();
  domain.suspendedAt = ctx.now();
  ctx.store.track(domain);
  ctx.store.changed();
  return {};
};

const describeDomain: Handler = (input, ctx) => ({ Domain: domainOut(findDomain(ctx, str(input, 'DomainId'))) });

const listDomains: Handler = (input, ctx) => {
  const page = paginate([...ctx.store.domains.values()], input, pageOptions(ctx, 'ListDomains'));
  return { DomainSummaries: page.items.map(domainOut), NextToken: page.nextToken };
};

export const domainHandlers: Readonly<Record<string, Handler>> = {
  CreateDomain: createDomain,
  UpdateDomain: updateDomain,
  DeleteDomain: deleteDomain,
  DescribeDomain: describeDomain,
  ListDomains: listDomains,
};
