/**
 * KMS key spellings (key id, key ARN, alias name, alias ARN) resolved to key ARNs with DescribeKey, so the plan
 * can tell that two spellings name one key. A spelling KMS cannot resolve (no permission, unknown alias) is left
 * out: the plan then compares strings and warns.
 */
import type { KmsApi } from '../aws/api.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveDomain } from '../model/live.js';

export function kmsSpellings(desired: DesiredState, domains: readonly LiveDomain[]): string[] {
  const all = new Set<string>();
  const add = (s: string | undefined): void => void (s && all.add(s));
  for (const d of desired.domains) {
    add(d.kmsKeyId);
    for (const j of [...d.enrollmentJobs, ...d.fraudsterRegistrationJobs]) add(j.outputKmsKeyId);
  }
  for (const d of domains) {
    add(d.kmsKeyId);
    add(d.encryptionUpdate?.oldKmsKeyId);
    for (const j of [...(d.details?.enrollmentJobs ?? []), ...(d.details?.fraudsterRegistrationJobs ?? [])]) add(j.outputKmsKeyId);
  }
  return [...all].sort();
}

export async function resolveKmsKeys(kms: KmsApi, spellings: readonly string[]): Promise<Record<string, string>> {
  const resolved = await Promise.all(spellings.map(async (s) => {
    try {
      return [s, (await kms.describeKey({ KeyId: s })).KeyMetadata?.Arn] as const;
    } catch {
      return [s, undefined] as const;
    }
  }));
  const out: Record<string, string> = {};
  for (const [s, arn] of resolved) if (arn) out[s] = arn;
  return out;
}
