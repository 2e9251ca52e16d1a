/** nock fixtures for the GitHub REST API: paged listings with Link headers, as GitHub sends them. */
import nock from 'nock';
import { createGitHubApi } from '../../../src/github/octokit-api.js';
import type { GitHubApi } from '../../../src/github/api.js';

export const API = 'https://api.github.com';
export const REPO = { owner: 'acme', name: 'voice' } as const;

export function noNetwork(): void {
  nock.cleanAll();
  nock.disableNetConnect();
}

export function comment(id: number, body: string) {
  return { id, body, html_url: `https://github.com/acme/voice/pull/7#issuecomment-${id}` };
}

export function issue(number: number, body: string, extra: object = {}) {
  return { number, title: `issue ${number}`, body, state: 'open', html_url: `https://github.com/acme/voice/issues/${number}`, ...extra };
}

/** Serves `items` at `path` in pages of `perPage`, each with GitHub's `link` header pointing at the next page. */
export function servePages(base: string, path: string, items: readonly object[], perPage = 100, query: Record<string, string> = {}): nock.Scope {
  const scope = nock(base);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  for (let page = 1; page <= pages; page++) {
    const next = new URLSearchParams({ ...query, per_page: String(perPage), page: String(page + 1) });
    const last = new URLSearchParams({ ...query, per_page: String(perPage), page: String(pages) });
    const link = page < pages ? `<${base}${path}?${next}>; rel="next", <${base}${path}?${last}>; rel="last"` : undefined;
    scope
      .get(path)
      .query((q) => (q.page ?? '1') === String(page))
      .reply(200, items.slice((page - 1) * perPage, page * perPage), link ? { link } : {});
  }
  return scope;
}

export interface TestApi {
  readonly api: GitHubApi;
  readonly sleeps: number[];
}

/** A client with a recorded, instant sleep and a fixed clock (2026-11-21T10:00:00Z). */
export function testApi(baseUrl = API): TestApi {
  const sleeps: number[] = [];
  const api = createGitHubApi({
    token: 'ghs_testtoken',
    baseUrl,
    userAgent: 'voiceid-gitops-test',
    sleep: async (ms) => void sleeps.push(ms),
    now: () => Date.parse('2026-11-21T10:00:00Z'),
  });
  return { api, sleeps };
}
