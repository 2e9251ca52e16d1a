/**
 * Opted-out speakers (PLAN.md §5; APPLY.md A3.3): declared under `domains.<key>.optedOutSpeakers` (or a file),
 * read per declared id (src/live/speakers.ts), opted out one call per speaker. One-way: never opted back in.
 */
import { planOptOuts } from '../plan/opt-outs.js';
import { perIdHandler } from './per-id-calls.js';
import { optOutLines } from '../render/opt-out-lines.js';
import { readSpeakers } from '../live/speakers.js';
import { collect, tokenArg } from '../aws/paginate.js';
import { compareStrings } from '../model/collections.js';
import { SPEAKER_IDS, checkIdList } from '../config/id-list.js';
import type { Path } from '../config/locate.js';
import { str } from '../config/unchecked.js';
import type { SchemaKit } from '../model/schema/kit.js';
import { optOutRisks } from '../render/risk-lines.js';
import type { ChangeOf } from '../model/plan.js';
import type { ResourceKindModule, YamlCheckInput, YamlPart } from './types.js';
import { resourceAddress } from '../model/plan.js';
import { optOutSet, recordDigest } from '../plan/applied-record.js';

export const optOutsKind: ResourceKindModule<'opt-outs', 'OptOutSpeaker', 'speakers'> = {
  kind: 'opt-outs',
  description: "a domain's opted-out speakers (their voiceprints are erased)",
  address: { shape: 'one', target: { addresses: (d) => [resourceAddress(d.key, 'opt-outs')] } },
  destroys: false,
  record: { fields: ['optedOutSpeakers'], value: (d) => ({ optedOutSpeakers: recordDigest(optOutSet(d.optedOutSpeakers)) }) },
  yamlMembers: ['optedOutSpeakers', 'optedOutSpeakersFile'],
  // The ids of the opt-out file are merged in by src/config/merge.ts once the file is read.
  yaml: { schema: optOutsYaml, check: checkOptOutsYaml, write: (d) => ({ optedOutSpeakers: [...d.optedOutSpeakers] }) },
  plan: ({ desired, live, domainId, record, ctx }) => {
    planOptOuts(desired, live, domainId, ctx.out, record);
    return 'continue';
  },
  read: {
    members: ['speakers'],
    details: async ({ api, live, speakerIds, speakers }) => ({ speakers: await readSpeakers(api, live.domainId, speakerIds, speakers) }),
    created: () => ({ speakers: {} }),
    // Each opted-out speaker as OptOutSpeaker answered; the speakers DeleteSpeaker erased (PLAN.md §15) are gone.
    answered: (current, a) => {
      const speakers = a.speakers.size === 0 ? current.speakers : { ...current.speakers, ...Object.fromEntries(a.speakers) };
      return { speakers: a.erasedSpeakers.size === 0 ? speakers : Object.fromEntries(Object.entries(speakers).filter(([id]) => !a.erasedSpeakers.has(id))) };
    },
    // Every opted-out speaker of the domain, declared or not: export is a backup.
    whole: async ({ api, live }) => {
      const speakers = await collect((t) => api.listSpeakers({ DomainId: live.domainId, MaxResults: 100, ...tokenArg(t) }), (p) => p.SpeakerSummaries);
      const optedOut = speakers.filter((s) => s.Status === 'OPTED_OUT' && s.CustomerSpeakerId).map((s) => s.CustomerSpeakerId!);
      return { optedOut: [...new Set(optedOut)].sort(compareStrings) };
    },
  },
  apply: {
    operations: {
      // Opt-out is not a delete: a speaker Voice ID does not find is a failure.
      OptOutSpeaker: perIdHandler({ ids: (op) => op.speakerIds, call: (api, DomainId, SpeakerId) => api.optOutSpeaker({ DomainId, SpeakerId }), goneIsDone: false }),
    },
    after: ['domain'],
  },
  render: { body: optOutLines, risks: (c) => optOutRisks(c as ChangeOf<'opt-outs'>) },
  export: ({ optedOut }) => ({ optedOutSpeakers: optedOut }),
  iam: [
    { action: 'voiceid:ListSpeakers', role: 'plan', resource: 'voiceid-domain', why: 'opted-out speakers' },
    { action: 'voiceid:DescribeSpeaker', role: 'plan', resource: 'voiceid-domain', why: 'status of one declared speaker' },
    { action: 'voiceid:OptOutSpeaker', role: 'apply', resource: 'voiceid-domain', why: 'opt declared speakers out' },
  ],
};

function checkOptOutsYaml({ r, doc, path }: YamlCheckInput): YamlPart {
  const inlineSpeakers = checkSpeakers(r, doc['optedOutSpeakers'], [...path, 'optedOutSpeakers']);
  const optOutFile = str(doc['optedOutSpeakersFile']);
  return {
    domain: { optedOutSpeakers: [...new Set(inlineSpeakers.map((s) => s.id))].sort(compareStrings) },
    inlineSpeakers,
    ...(optOutFile ? { optOutFile } : {}),
  };
}

/** Customer speaker ids, each valid and listed once, masked in messages (also the erased speakers' list). */
export function checkSpeakers(r: YamlCheckInput['r'], raw: unknown, path: Path): Array<{ id: string; path: Path }> {
  return checkIdList(r, raw, path, SPEAKER_IDS);
}

/** Its section of the YAML format (src/model/schema/desired-state.ts composes the kinds' sections). */
export function optOutsYaml(k: SchemaKit) {
  return {
    optedOutSpeakers: k.Type.Optional(k.Type.Array(k.defs.CustomerSpeakerId(), {
      description: 'Customer speaker ids that must be opted out of Voice ID. Opt-out is one-way: removing an id opts nobody back in.',
      // For editors: the loader does not let a validator evaluate it (pairwise, see src/config/schema.ts).
      uniqueItems: true,
      examples: [['customer-0001', 'customer-0002']],
    })),
    optedOutSpeakersFile: k.Type.Optional(k.Type.String({
      description: 'Path of a text file, relative to this YAML file, with one customer speaker id per line. Blank lines and `#` comments are ignored. Merged with optedOutSpeakers.',
      minLength: 1,
      examples: ['optouts/support-prod.txt'],
    })),
  };
}
