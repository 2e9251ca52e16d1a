/** User tags of a domain (PLAN.md §4): declared under `domains.<key>.tags`; ownership tags belong to the domain. */
import { RESERVED_TAG_PREFIX } from '../model/desired.js';
import { checkTagLimit, MAX_TAGS_PER_DOMAIN, planTags } from '../plan/tags.js';
import type { ResourceKindModule } from './types.js';

export const tagsKind: ResourceKindModule<'tags', 'TagResource' | 'UntagResource'> = {
  kind: 'tags',
  description: "a domain's user tags",
  yamlMembers: ['tags'],
  // R4.2, checked for every declared domain (new ones too), even when its details could not be read.
  check: ({ desired, maxTagsPerDomain }, out) => checkTagLimit(desired, out, maxTagsPerDomain ?? MAX_TAGS_PER_DOMAIN),
  plan: ({ match, desired, live, record, ctx }) => {
    if (live) planTags(desired, live, ctx.out, { removedByAdopt: match.kind === 'adopt', ...(record ? { record } : {}) });
    return 'continue';
  },
  apply: {
    operations: {
      TagResource: {
        run: async (op, { api, state }) => {
          await api.tagResource({ ...op.input, ResourceArn: state.arn(op.input.ResourceArn) });
          return undefined;
        },
      },
      UntagResource: {
        run: async (op, { api }) => {
          await api.untagResource(op.input);
          return undefined;
        },
      },
    },
    after: ['domain'],
  },
  render: {},
  export: ({ live }) => ({ tags: Object.fromEntries(Object.keys(live.tags).sort().filter((k) => !k.startsWith(RESERVED_TAG_PREFIX)).map((k) => [k, live.tags[k]!])) }),
  iam: [
    { action: 'voiceid:ListTagsForResource', role: 'plan', resource: 'voiceid-domain', why: 'ownership and user tags' },
    { action: 'voiceid:TagResource', role: 'apply', resource: 'voiceid-domain', why: 'tags, ownership tags, adoption' },
    { action: 'voiceid:UntagResource', role: 'apply', resource: 'voiceid-domain', why: 'remove undeclared user tags' },
  ],
};
