/** The KMS keys the emulator knows (seeded), resolvable by every spelling: key id, key ARN, alias name, alias ARN. */
import type { SeedKmsKey } from './types.js';

export const DEFAULT_KMS_KEYS: readonly SeedKmsKey[] = [
  { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', aliases: ['alias/voiceid'] },
  { keyId: '0987dcba-09fe-87dc-65ba-ab0987654321', aliases: ['alias/voiceid-next'] },
  { keyId: '11112222-3333-4444-5555-666677778888', aliases: ['alias/voiceid-jobs'] },
];

export interface KmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly aliases: readonly string[];
  readonly keyState: 'Enabled' | 'Disabled' | 'PendingDeletion';
}

export class KmsRegistry {
  private readonly bySpelling = new Map<string, KmsKey>();
  readonly keys: readonly KmsKey[];

  constructor(seed: readonly SeedKmsKey[], region: string, accountId: string) {
    const prefix = `arn:aws:kms:${region}:${accountId}`;
    this.keys = seed.map((k) => ({
      keyId: k.keyId,
      arn: `${prefix}:key/${k.keyId}`,
      aliases: (k.aliases ?? []).map((a) => (a.startsWith('alias/') ? a : `alias/${a}`)),
      keyState: k.keyState ?? 'Enabled',
    }));
    for (const key of this.keys) {
      this.bySpelling.set(key.keyId, key);
      this.bySpelling.set(key.arn, key);
      for (const alias of key.aliases) {
        this.bySpelling.set(alias, key);
        this.bySpelling.set(`${prefix}:${alias}`, key);
      }
    }
  }

  resolve(spelling: string): KmsKey | undefined {
    return this.bySpelling.get(spelling);
  }

  /** Two spellings name the same key when they resolve to one key, or are equal strings. */
  sameKey(a: string, b: string): boolean {
    if (a === b) return true;
    const ka = this.resolve(a);
    return ka !== undefined && ka === this.resolve(b);
  }

  /** A known key that is Disabled or PendingDeletion makes re-encryption fail (EMULATOR.md §4). */
  unusable(spelling: string): boolean {
    const key = this.resolve(spelling);
    return key !== undefined && key.keyState !== 'Enabled';
  }

  get defaultKeyArn(): string {
    return this.keys[0]?.arn ?? 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  }
}
