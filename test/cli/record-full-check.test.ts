/** PLAN.md R13.7: how plan --refresh reports recording its full check, and a role that may not (one warning line). */
import { describe, expect, it } from 'vitest';
import type { VoiceIdApi } from '../../src/aws/api.js';
import { GitopsError } from '../../src/model/errors.js';
import { recordFullChecks } from '../../src/cli/record-full-check.js';

const WRITES = [
  { domainKey: 'a', arn: 'arn:aws:voiceid:us-east-1:111122223333:domain/AAAAAAAAAAAAAAAAAAAAAA', value: 'v1 o=x c=abc a=1 f=2' },
  { domainKey: 'b', arn: 'arn:aws:voiceid:us-east-1:111122223333:domain/BBBBBBBBBBBBBBBBBBBBBB', value: 'v1 o=y c=abc a=1 f=2' },
];

describe('recording the full check', () => {
  it('tags each domain with its record only, then says so in one line', async () => {
    const sent: unknown[] = [];
    const lines: string[] = [];
    const api = { tagResource: async (input: unknown) => void sent.push(input) } as unknown as VoiceIdApi;
    await recordFullChecks(api, WRITES, 7 * 86_400, (t) => lines.push(t));
    expect(sent).toEqual(WRITES.map((w) => ({ ResourceArn: w.arn, Tags: [{ Key: 'voiceid-gitops:applied', Value: w.value }] })));
    expect(lines).toEqual(['Recorded this full check in the voiceid-gitops:applied tag of domain.a, domain.b: pull request plans trust their opted-out ids for 7d more\n']);
  });

  it('a refused call is one warning line naming the domain and the permission; the others are still recorded', async () => {
    const lines: string[] = [];
    const api = {
      tagResource: async (input: { ResourceArn: string }) => {
        if (input.ResourceArn.endsWith('AAAAAAAAAAAAAAAAAAAAAA')) throw new GitopsError('AWS_ACCESS_DENIED', 'Voice ID TagResource: AccessDeniedException: not authorized', 'aws');
      },
    } as unknown as VoiceIdApi;
    await recordFullChecks(api, WRITES, 86_400, (t) => lines.push(t));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Warning: the full check of domain.a was not recorded (Voice ID TagResource: AccessDeniedException: not authorized); plans trust its last recorded check until that is older than --max-trust-age. The plan role needs voiceid:TagResource on the voiceid-gitops:applied tag: see `voiceid-gitops iam-policy --mode plan`\n');
    expect(lines[1]).toContain('of domain.b:');
  });
});
