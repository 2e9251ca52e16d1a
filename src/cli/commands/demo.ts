/**
 * `voiceid-gitops demo`: the README quick start's main job. It starts the embedded emulator on a free port with a
 * temporary state file and drives it with the real AWS SDK Voice ID client, so a fresh clone shows the whole
 * path (SDK -> wire protocol -> emulator) with no AWS account. Later this becomes plan -> apply -> plan.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDomainCommand,
  DescribeDomainCommand,
  ListDomainsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  VoiceIDClient,
} from '@aws-sdk/client-voice-id';
import type { Command } from 'commander';
import { startEmulator } from '../../emulator/index.js';
import type { CommandContext } from '../run.js';
import type { RegisterCommand } from './index.js';

const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

async function runDemo(ctx: CommandContext): Promise<void> {
  const out = ctx.deps.stdout;
  const dir = await mkdtemp(join(tmpdir(), 'voiceid-demo-'));
  const emu = await startEmulator({ port: 0, statePath: join(dir, 'state.json') });
  const client = new VoiceIDClient({
    endpoint: emu.endpoint,
    region: 'us-east-1',
    // The emulator accepts any signature; dummy credentials keep the SDK from searching the credential chain.
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
  });
  try {
    out(`Started the embedded Voice ID emulator at ${emu.endpoint}\n`);
    const created = await client.send(
      new CreateDomainCommand({
        Name: 'demo-support',
        Description: 'Created by voiceid-gitops demo',
        ServerSideEncryptionConfiguration: { KmsKeyId: KMS_KEY },
        ClientToken: 'voiceid-gitops-demo',
      }),
    );
    const domain = created.Domain!;
    out(`CreateDomain      -> ${domain.DomainId} (${domain.Name}, ${domain.DomainStatus})\n`);
    await client.send(new TagResourceCommand({ ResourceArn: domain.Arn!, Tags: [{ Key: 'team', Value: 'contact-center' }] }));
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceArn: domain.Arn! }));
    out(`TagResource       -> ${(tags.Tags ?? []).map((t) => `${t.Key}=${t.Value}`).join(', ')}\n`);
    const list = await client.send(new ListDomainsCommand({}));
    out(`ListDomains       -> ${(list.DomainSummaries ?? []).length} domain(s): ${(list.DomainSummaries ?? []).map((d) => d.Name).join(', ')}\n`);
    const described = (await client.send(new DescribeDomainCommand({ DomainId: domain.DomainId! }))).Domain!;
    out(`DescribeDomain    -> ${described.Arn}\n`);
    out(`                     KMS key ${described.ServerSideEncryptionConfiguration?.KmsKeyId}\n`);
    out(`                     default watchlist ${described.WatchlistDetails?.DefaultWatchlistId}\n`);
    const calls = emu.admin.callCounts();
    out(`Emulator counted: ${Object.entries(calls).map(([op, n]) => `${op} ${n}`).join(', ')}\n`);
    out('Demo finished: the real AWS SDK client talked to the local emulator.\n');
  } finally {
    client.destroy();
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const registerDemo: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('demo')
    .description('run a short tour against the embedded emulator with the real AWS SDK (no AWS account needed)')
    .action(async () => runDemo(ctx));
};
