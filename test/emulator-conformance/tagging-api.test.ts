/** Resource Groups Tagging API GetResources over Voice ID domains (EMULATOR.md §10). */
import { describe, expect, it } from 'vitest';
import { GetResourcesCommand, paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { DeleteDomainCommand } from '@aws-sdk/client-voice-id';
import { createDomain, domainArn, harnessPerTest } from './harness.js';

const h = harnessPerTest();

const MANAGED = { 'voiceid-gitops:stack': 'prod', 'voiceid-gitops:key': 'support' };

describe('GetResources', () => {
  it('returns the ARN and tags of a tagged domain for ResourceTypeFilters voiceid:domain', async () => {
    const id = await createDomain(h, 'support', { tags: MANAGED });
    const out = await h.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['voiceid:domain'] }));
    expect(out.ResourceTagMappingList).toHaveLength(1);
    const m = out.ResourceTagMappingList![0]!;
    expect(m.ResourceARN).toBe(domainArn(id));
    expect(Object.fromEntries((m.Tags ?? []).map((t) => [t.Key, t.Value]))).toEqual(MANAGED);
  });

  it('filters by tag key and value', async () => {
    const prod = await createDomain(h, 'a', { tags: { 'voiceid-gitops:stack': 'prod' } });
    await createDomain(h, 'b', { tags: { 'voiceid-gitops:stack': 'dev' } });
    await createDomain(h, 'c');
    const out = await h.tagging.send(
      new GetResourcesCommand({ ResourceTypeFilters: ['voiceid:domain'], TagFilters: [{ Key: 'voiceid-gitops:stack', Values: ['prod'] }] }),
    );
    expect(out.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([domainArn(prod)]);
  });

  it('matches any of several values of a tag filter', async () => {
    const a = await createDomain(h, 'a', { tags: { env: 'prod' } });
    const b = await createDomain(h, 'b', { tags: { env: 'stage' } });
    await createDomain(h, 'c', { tags: { env: 'dev' } });
    const out = await h.tagging.send(
      new GetResourcesCommand({ ResourceTypeFilters: ['voiceid:domain'], TagFilters: [{ Key: 'env', Values: ['prod', 'stage'] }] }),
    );
    expect(out.ResourceTagMappingList?.map((m) => m.ResourceARN).sort()).toEqual([domainArn(a), domainArn(b)].sort());
  });

  it('filters by tag key alone (any value)', async () => {
    const a = await createDomain(h, 'a', { tags: { owner: 'x' } });
    const b = await createDomain(h, 'b', { tags: { owner: 'y' } });
    await createDomain(h, 'c', { tags: { other: 'z' } });
    const out = await h.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['voiceid:domain'], TagFilters: [{ Key: 'owner' }] }));
    expect(out.ResourceTagMappingList?.map((m) => m.ResourceARN).sort()).toEqual([domainArn(a), domainArn(b)].sort());
  });

  it('also returns domains for the service-wide filter voiceid', async () => {
    const id = await createDomain(h, 'a', { tags: MANAGED });
    const out = await h.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['voiceid'] }));
    expect(out.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([domainArn(id)]);
  });

  it('returns nothing for another resource type', async () => {
    await createDomain(h, 'a', { tags: MANAGED });
    const out = await h.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['ec2:instance'] }));
    expect(out.ResourceTagMappingList).toEqual([]);
  });

  it('does not return suspended domains', async () => {
    const id = await createDomain(h, 'gone', { tags: MANAGED });
    await h.voiceId.send(new DeleteDomainCommand({ DomainId: id }));
    const out = await h.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['voiceid:domain'] }));
    expect(out.ResourceTagMappingList).toEqual([]);
  });

  it('pages with ResourcesPerPage and ends with an empty PaginationToken', async () => {
    const s = await h.emulator.admin.seed({ domains: Array.from({ length: 5 }, (_, i) => ({ name: `d${i}`, tags: { n: String(i) } })) });
    const first = await h.tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['voiceid:domain'], ResourcesPerPage: 2 }));
    expect(first.ResourceTagMappingList).toHaveLength(2);
    expect(first.PaginationToken?.length).toBeGreaterThan(0);
    const arns: string[] = [];
    let last: string | undefined;
    for await (const page of paginateGetResources({ client: h.tagging }, { ResourceTypeFilters: ['voiceid:domain'], ResourcesPerPage: 2 })) {
      arns.push(...(page.ResourceTagMappingList ?? []).map((m) => m.ResourceARN!));
      last = page.PaginationToken;
    }
    expect(arns.sort()).toEqual([...s.domainArns].sort());
    expect(last).toBe('');
  });
});
