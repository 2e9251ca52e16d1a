/**
 * Erased speakers (PLAN.md §15; APPLY.md A3.3): declared under `domains.<key>.erasedSpeakers` (or a file), read per
 * declared id with the opt-outs' cost model (src/live/speakers.ts, never trusted), erased with one DeleteSpeaker
 * per speaker that exists live. Destructive: apply needs --allow-delete. Personal data: masked like opt-outs.
 */
import { planErasedSpeakers } from '../plan/erasure.js';
import { erasedSpeakerLines } from '../render/erasure-lines.js';
import { perIdHandler } from './per-id-calls.js';
import { compareStrings } from '../model/collections.js';
import { str } from '../config/unchecked.js';
import { checkSpeakers } from './opt-outs.js';
import type { SchemaKit } from '../model/schema/kit.js';
import { erasureRisks } from '../render/risk-lines.js';
import { plural } from '../render/common.js';
import type { ResourceKindModule, YamlCheckInput, YamlPart } from './types.js';
import { resourceAddress } from '../model/plan.js';
import { optOutSet, recordDigest } from '../plan/applied-record.js';

export const erasedSpeakersKind: ResourceKindModule<'erased-speakers', 'DeleteSpeaker'> = {
  kind: 'erased-speakers',
  description: "a domain's erased speakers (DeleteSpeaker: the speaker, its voiceprints and audio are deleted)",
  address: { shape: 'one', target: { addresses: (d) => (d.erasedSpeakers ? [resourceAddress(d.key, 'erased-speakers')] : []) } },
  destroys: true,
  // R15.6: written only for a domain that declares erasures, so other domains' records keep their value.
  record: { fields: ['erasedSpeakers'], value: (d) => (d.erasedSpeakers && d.erasedSpeakers.length > 0 ? { erasedSpeakers: recordDigest(optOutSet(d.erasedSpeakers)) } : {}) },
  erases: (c) => {
    const n = c.operations.reduce((sum, op) => sum + (op.kind === 'DeleteSpeaker' ? op.speakerIds.length : 0), 0);
    return `${n} ${plural(n, 'speaker')}`;
  },
  yamlMembers: ['erasedSpeakers', 'erasedSpeakersFile'],
  // The ids of the erasure file are merged in by src/config/merge.ts once the file is read (R15.3 there too).
  // Never written back (R15.7: export writes no erased id).
  yaml: { schema: erasedSpeakersYaml, check: checkErasedYaml, write: () => ({}) },
  plan: ({ desired, live, domainId, record, ctx }) => {
    planErasedSpeakers(desired, live, domainId, ctx.out, record);
    return 'continue';
  },
  apply: {
    operations: {
      DeleteSpeaker: perIdHandler({ ids: (op) => op.speakerIds, call: (api, DomainId, SpeakerId) => api.deleteSpeaker({ DomainId, SpeakerId }), goneIsDone: true }),
    },
    after: ['domain'],
  },
  render: { body: erasedSpeakerLines, risks: erasureRisks('speakers ERASED with their voiceprints and audio') },
  // R15.7: an erased speaker is gone live, so export has nothing to write (and never writes erased ids).
  export: () => ({}),
  iam: [
    { action: 'voiceid:DescribeSpeaker', role: 'plan', resource: 'voiceid-domain', why: 'status of one declared speaker' },
    { action: 'voiceid:ListSpeakers', role: 'plan', resource: 'voiceid-domain', why: 'status of many declared speakers' },
    { action: 'voiceid:DeleteSpeaker', role: 'apply', resource: 'voiceid-domain', why: 'erase declared speakers (erasedSpeakers, with --allow-delete)' },
  ],
};

function checkErasedYaml({ r, doc, path }: YamlCheckInput): YamlPart {
  const inlineErased = checkSpeakers(r, doc['erasedSpeakers'], [...path, 'erasedSpeakers']);
  const erasureFile = str(doc['erasedSpeakersFile']);
  return {
    domain: inlineErased.length > 0 ? { erasedSpeakers: [...new Set(inlineErased.map((s) => s.id))].sort(compareStrings) } : {},
    inlineErased,
    ...(erasureFile ? { erasureFile } : {}),
  };
}

/** Its section of the YAML format (src/model/schema/desired-state.ts composes the kinds' sections). */
export function erasedSpeakersYaml(k: SchemaKit) {
  return {
    erasedSpeakers: k.Type.Optional(k.Type.Array(k.defs.CustomerSpeakerId(), {
      description: 'Customer speaker ids to erase (DeleteSpeaker: the speaker, its voiceprints and audio are deleted). Destructive: applied only with `apply --allow-delete`. A speaker enrolled again later is erased again by the next apply (drift). An id may not also be opted out.',
      uniqueItems: true,
      examples: [['customer-0042']],
    })),
    erasedSpeakersFile: k.Type.Optional(k.Type.String({
      description: 'Path of a text file, relative to this YAML file, with one customer speaker id to erase per line (the format of optedOutSpeakersFile). Merged with erasedSpeakers.',
      minLength: 1,
      examples: ['erasure/support-prod.txt'],
    })),
  };
}
