/**
 * The two neighbour services the reconciler reads (EMULATOR.md §10), AWS JSON 1.1 on the same port:
 * Resource Groups Tagging API GetResources over Voice ID domains, and KMS DescribeKey over the seeded keys.
 */
import { ServiceError } from '../errors.js';
import { tagsOut } from './tags.js';
import type { Handler } from './context.js';

const taggingError = (message: string): ServiceError =>
  new ServiceError('InvalidParameterException', message, 400, {}, '');

interface TagFilter {
  readonly Key?: string;
  readonly Values?: readonly string[];
}

function parseToken(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const n = Number(Buffer.from(String(token), 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw taggingError('The PaginationToken is not valid.');
  return n;
}

const getResources: Handler = (input, ctx) => {
  const types = (input.ResourceTypeFilters as string[] | undefined) ?? [];
  const filters = (input.TagFilters as TagFilter[] | undefined) ?? [];
  const perPage = (input.ResourcesPerPage as number | undefined) ?? 50;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw taggingError('ResourcesPerPage must be between 1 and 100.');
  const wantsDomains = types.length === 0 || types.some((t) => t === 'voiceid' || t === 'voiceid:domain');
  const domains = wantsDomains ? [...ctx.store.domains.values()].filter((d) => d.status !== 'SUSPENDED') : [];
  const matching = domains.filter((d) =>
    filters.every((f) => {
      if (f.Key === undefined) return true;
      const v = d.tags.get(f.Key);
      return v !== undefined && (!f.Values || f.Values.length === 0 || f.Values.includes(v));
    }),
  );
  const start = parseToken(input.PaginationToken);
  const page = matching.slice(start, start + perPage);
  const more = start + perPage < matching.length;
  return {
    ResourceTagMappingList: page.map((d) => ({ ResourceARN: d.arn, Tags: tagsOut(d) })),
    // The tagging API answers an empty string, not an absent token, on the last page.
    PaginationToken: more ? Buffer.from(String(start + perPage)).toString('base64url') : '',
  };
};

const describeKey: Handler = (input, ctx) => {
  const spelling = typeof input.KeyId === 'string' ? input.KeyId : '';
  const key = ctx.kms.resolve(spelling);
  if (!key) {
    throw new ServiceError('NotFoundException', `Key '${spelling}' does not exist`, 400, {}, '');
  }
  return {
    KeyMetadata: {
      AWSAccountId: ctx.limits.accountId,
      KeyId: key.keyId,
      Arn: key.arn,
      CreationDate: 1_700_000_000,
      Enabled: key.keyState === 'Enabled',
      Description: key.aliases[0] ?? '',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: key.keyState,
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    },
  };
};

/** X-Amz-Target -> [operation name for counting and rate limits, handler]. */
export const neighbourTargets: Readonly<Record<string, readonly [string, Handler]>> = {
  'ResourceGroupsTaggingAPI_20170126.GetResources': ['GetResources', getResources],
  'TrentService.DescribeKey': ['DescribeKey', describeKey],
};
