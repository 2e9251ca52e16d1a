/** Tags on domain ARNs (S16): TagResource overwrites values, Untag of absent keys is a no-op, a per-domain limit. */
import { notFound, validationError } from '../errors.js';
import type { DomainRec } from '../store.js';
import { activeDomain, str, type Handler, type OpContext } from './context.js';

interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** Checks the per-domain tag limit for the keys after adding `tags`, then applies them. */
export function applyTags(domain: DomainRec, tags: readonly Tag[], ctx: OpContext): void {
  const keys = new Set(domain.tags.keys());
  for (const t of tags) keys.add(t.Key);
  if (keys.size > ctx.limits.maxTagsPerDomain) {
    throw validationError(`The resource would have ${keys.size} tags; at most ${ctx.limits.maxTagsPerDomain} tags are allowed per resource.`);
  }
  for (const t of tags) domain.tags.set(t.Key, t.Value);
  ctx.store.changed();
}

/** The domain an ARN names: only ARNs of this emulator's region and account exist. */
function domainOfArn(ctx: OpContext, arn: string): DomainRec {
  const domainId = arn.slice(arn.lastIndexOf('/') + 1);
  const domain = ctx.store.domains.get(domainId);
  if (!domain || domain.arn !== arn) throw notFound('DOMAIN', `The resource ${arn} does not exist.`);
  return activeDomain(ctx, domainId);
}

export const tagsOut = (domain: DomainRec): Tag[] => [...domain.tags].map(([Key, Value]) => ({ Key, Value }));

export const tagHandlers: Readonly<Record<string, Handler>> = {
  TagResource: (input, ctx) => {
    applyTags(domainOfArn(ctx, str(input, 'ResourceArn')), input.Tags as Tag[], ctx);
    return {};
  },
  UntagResource: (input, ctx) => {
    const domain = domainOfArn(ctx, str(input, 'ResourceArn'));
    for (const key of input.TagKeys as string[]) domain.tags.delete(key);
    ctx.store.changed();
    return {};
  },
  ListTagsForResource: (input, ctx) => ({ Tags: tagsOut(domainOfArn(ctx, str(input, 'ResourceArn'))) }),
};
