import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('voiceid-gitops iam-policy', () => {
  it('prints the plan policy by default: reads, and no write but the last-applied record tag', async () => {
    const r = await runCli(['iam-policy']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { Version: string; Statement: { Action: string[] }[] };
    expect(doc.Version).toBe('2012-10-17');
    const actions = doc.Statement.flatMap((s) => s.Action);
    expect(actions).toContain('voiceid:ListDomains');
    expect(actions).not.toContain('voiceid:UpdateDomain');
    expect(doc.Statement.filter((s) => s.Action.includes('voiceid:TagResource'))).toMatchObject([{ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'voiceid-gitops:applied' } } }]);
  });

  it('prints the apply policy scoped to one account and Region with --mode apply', async () => {
    const r = await runCli(['iam-policy', '--mode', 'apply', '--region', 'us-east-1', '--account-id', '111122223333']);
    const doc = JSON.parse(r.stdout) as { Statement: { Sid: string; Action: string[]; Resource: string }[] };
    const domains = doc.Statement.find((s) => s.Sid === 'VoiceIdDomains');
    expect(domains?.Resource).toBe('arn:aws:voiceid:us-east-1:111122223333:domain/*');
    expect(domains?.Action).toContain('voiceid:OptOutSpeaker');
  });

  it('rejects an unknown mode', async () => {
    const r = await runCli(['iam-policy', '--mode', 'admin']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('must be plan or apply');
  });
});

describe('iam-policy --help', () => {
  it('shows one default per option (commander added "(default: [])" to the repeatable ARN options)', async () => {
    const r = await runCli(['iam-policy', '--help']);
    expect(r.code).toBe(0);
    const kms = r.stdout.slice(r.stdout.indexOf('--kms-key-arn'), r.stdout.indexOf('--job-role-arn'));
    expect(kms).toContain('default: every key');
    expect(r.stdout).not.toContain('(default: [])');
  });
});
