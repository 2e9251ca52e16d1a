/**
 * PLAN.md R13.7: `plan --refresh` records its full check in the last-applied record of each domain it confirmed
 * (src/plan/full-check.ts decides which). One TagResource of that one tag per domain; a failure (a plan role
 * without the permission) is one warning line, never a failed plan: the evidence stays as it was.
 */
import type { VoiceIdApi } from '../aws/api.js';
import { APPLIED_RECORD_TAG } from '../model/desired.js';
import { resourceAddress } from '../model/plan.js';
import type { FullCheckWrite } from '../plan/full-check.js';
import { formatAge } from './opt-out-trust.js';

export async function recordFullChecks(api: VoiceIdApi, writes: readonly FullCheckWrite[], maxTrustAgeS: number, stderr: (text: string) => void): Promise<void> {
  const recorded: string[] = [];
  for (const w of writes) {
    try {
      await api.tagResource({ ResourceArn: w.arn, Tags: [{ Key: APPLIED_RECORD_TAG, Value: w.value }] });
      recorded.push(resourceAddress(w.domainKey));
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      stderr(`Warning: the full check of ${resourceAddress(w.domainKey)} was not recorded (${why}); plans trust its last recorded check until that is older than --max-trust-age. The plan role needs voiceid:TagResource on the ${APPLIED_RECORD_TAG} tag: see \`voiceid-gitops iam-policy --mode plan\`\n`);
    }
  }
  if (recorded.length > 0) {
    stderr(`Recorded this full check in the ${APPLIED_RECORD_TAG} tag of ${recorded.join(', ')}: pull request plans trust their opted-out ids for ${formatAge(maxTrustAgeS)} more\n`);
  }
}
