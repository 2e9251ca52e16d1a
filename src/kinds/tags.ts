/** User tags of a domain (PLAN.md §4): declared under `domains.<key>.tags`; ownership tags belong to the domain. */
import { RESERVED_TAG_PREFIX, toolTagCount } from '../model/desired.js';
import { RESOURCE_QUOTAS } from '../model/quotas.js';
import { compareStrings } from '../model/collections.js';
import { voiceIdConstraints } from '../constraints/load.js';
import { checkConstraint } from '../config/constraint-check.js';
import { entries } from '../config/unchecked.js';
import { checkTagLimit, MAX_TAGS_PER_DOMAIN, planTags } from '../plan/tags.js';
import type { SchemaKit } from '../model/schema/kit.js';
import { protectionRisks } from '../render/risk-lines.js';
import type { ChangeOf } from '../model/plan.js';
import type { ResourceKindModule, YamlCheckInput, YamlPart } from './types.js';
import { resourceAddress } from '../model/plan.js';
import { recordDigest, recordedTags } from '../plan/applied-record.js';
import { ignoredTagKeys } from '../plan/lifecycle.js';

export const tagsKind: ResourceKindModule<'tags', 'TagResource' | 'UntagResource'> = {
  kind: 'tags',
  description: "a domain's user tags",
  address: { shape: 'one', target: { addresses: (d) => [resourceAddress(d.key, 'tags')] } },
  destroys: false,
  // R11.1, R12.3: the user tags, without the keys ignoreChanges names.
  record: { fields: ['tags'], value: (d) => ({ tags: recordDigest(recordedTags(d.tags, ignoredTagKeys(d))) }) },
  yamlMembers: ['tags'],
  yaml: { schema: tagsYaml, check: checkTagsYaml, write: (d) => ({ tags: { ...d.tags } }) },
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
  render: { risks: (c) => protectionRisks(c as ChangeOf<'tags'>) },
  export: ({ live }) => ({ tags: Object.fromEntries(Object.keys(live.tags).sort().filter((k) => !k.startsWith(RESERVED_TAG_PREFIX)).map((k) => [k, live.tags[k]!])) }),
  iam: [
    { action: 'voiceid:ListTagsForResource', role: 'plan', resource: 'voiceid-domain', why: 'ownership and user tags' },
    { action: 'voiceid:TagResource', role: 'apply', resource: 'voiceid-domain', why: 'tags, ownership tags, adoption' },
    { action: 'voiceid:UntagResource', role: 'apply', resource: 'voiceid-domain', why: 'remove undeclared user tags' },
  ],
};

const OWNERSHIP_TAGS = 2;
/** Ownership tags take 2 of the 200 tags a CreateDomain / TagResource call carries (read when first needed). */
function maxUserTags(): number {
  const s = voiceIdConstraints().shapes['TagList'];
  return (s?.type === 'list' && s.length?.max !== undefined ? s.length.max : 200) - OWNERSHIP_TAGS;
}

function checkTagsYaml({ r, doc, path: domainPath }: YamlCheckInput): YamlPart {
  const path = [...domainPath, 'tags'];
  const protect = doc['protect'];
  const toolTags = toolTagCount(typeof protect === 'boolean' ? { protect } : {});
  const all = entries(doc['tags']);
  if (all.length > maxUserTags()) {
    r.report('E_COUNT', `${all.length} tags: at most ${maxUserTags()} (Voice ID takes 200 per domain and 2 are the voiceid-gitops ownership tags)`, path, 'key');
  } else if (all.length + toolTags > RESOURCE_QUOTAS.tagsPerDomain) {
    // The 200 above is the API's per-call limit (a model constraint); the per-domain quota is lower and inferred
    // (voice-id-facts.md §2.1: Amazon Connect's 50 tags per resource), so it is a warning here and plan's error.
    const quota = RESOURCE_QUOTAS.tagsPerDomain;
    r.report('W_TAG_QUOTA', `${all.length} tags + ${toolTags} voiceid-gitops tags (ownership, applied record${toolTags > 3 ? ', protection' : ''}): more than the ${quota} tags per domain that Voice ID takes, so plan will refuse this domain`, path, 'key', 'warning');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of all.sort((a, b) => compareStrings(a[0], b[0]))) {
    checkConstraint(r, 'TagKey', k, [...path, k], { label: 'tag key', at: 'key' });
    if (k.startsWith(RESERVED_TAG_PREFIX)) {
      r.report('E_RESERVED_TAG', `tag key ${JSON.stringify(k)} uses the reserved prefix \`${RESERVED_TAG_PREFIX}\` (voiceid-gitops records ownership there)`, [...path, k], 'key');
    }
    checkConstraint(r, 'TagValue', v, [...path, k]);
    if (typeof v === 'string') out[k] = v;
  }
  return { domain: { tags: out } };
}

/** Its section of the YAML format (src/model/schema/desired-state.ts composes the kinds' sections). */
export function tagsYaml(k: SchemaKit) {
  return {
    tags: k.Type.Optional(k.defs.TagList()),
  };
}
