/**
 * A tiny fake of the GitHub REST API on 127.0.0.1 (port 0) for tests whose GitHub calls come from child processes,
 * which nock cannot intercept. It implements only what voiceid-gitops calls (issue comments, issues, labels) for
 * one repository, pages listings with GitHub's `link` header, checks the token's permissions the way a workflow's
 * GITHUB_TOKEN is limited, and records every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Permissions = Readonly<Record<string, 'read' | 'write' | 'none'>>;

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly token: string | undefined;
  readonly status: number;
}

export interface FakeComment {
  readonly id: number;
  readonly issueNumber: number;
  body: string;
  readonly user: string;
  readonly createdAt: string;
  updatedAt: string;
}

export interface FakeIssue {
  readonly number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  readonly pullRequest: boolean;
  readonly createdAt: string;
  updatedAt: string;
}

export interface FakeGitHubOptions {
  readonly owner: string;
  readonly repo: string;
  /** Largest page the fake serves (GitHub: 100); small values make every listing span several pages. */
  readonly maxPerPage?: number;
}

export interface FakeGitHub {
  /** The API base URL, for GITHUB_API_URL. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  readonly comments: readonly FakeComment[];
  readonly issues: readonly FakeIssue[];
  readonly labels: readonly string[];
  /** Registers a token with its permissions (a workflow job's `permissions:`). */
  grant(token: string, permissions: Permissions): void;
  openPullRequest(title: string): FakeIssue;
  addComment(issueNumber: number, body: string, user?: string): FakeComment;
  commentsOn(issueNumber: number): readonly FakeComment[];
  close(): Promise<void>;
}

type Handler = (req: Parsed) => { status: number; body: unknown; headers?: Record<string, string> };
interface Parsed {
  readonly method: string;
  readonly parts: readonly string[];
  readonly query: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown>;
  readonly url: URL;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const state = new FakeState(options);
  const server = createServer((req, res) => void serve(state, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: state.baseUrl,
    requests: state.requests,
    comments: state.comments,
    issues: state.issues,
    labels: state.labels,
    grant: (token, permissions) => void state.tokens.set(token, permissions),
    openPullRequest: (title) => state.newIssue({ title, body: '', labels: [], pullRequest: true }),
    addComment: (n, body, user = 'octocat') => state.newComment(n, body, user),
    commentsOn: (n) => state.comments.filter((c) => c.issueNumber === n),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

class FakeState {
  baseUrl = '';
  readonly requests: RecordedRequest[] = [];
  readonly comments: FakeComment[] = [];
  readonly issues: FakeIssue[] = [];
  readonly labels: string[] = [];
  readonly tokens = new Map<string, Permissions>();
  private nextCommentId = 1001;
  private tick = 0;

  constructor(readonly options: FakeGitHubOptions) {}

  /** Strictly increasing timestamps, so "oldest first" is well defined without a real clock. */
  timestamp(): string {
    return new Date(Date.UTC(2026, 10, 21, 10, 0, this.tick++)).toISOString();
  }

  newIssue(i: { title: string; body: string; labels: readonly string[]; pullRequest: boolean }): FakeIssue {
    for (const l of i.labels) if (!this.labels.includes(l)) this.labels.push(l);
    const at = this.timestamp();
    const issue: FakeIssue = { number: this.issues.length + 1, title: i.title, body: i.body, state: 'open', stateReason: null, labels: [...i.labels], pullRequest: i.pullRequest, createdAt: at, updatedAt: at };
    this.issues.push(issue);
    return issue;
  }

  newComment(issueNumber: number, body: string, user: string): FakeComment {
    const at = this.timestamp();
    const c: FakeComment = { id: this.nextCommentId++, issueNumber, body, user, createdAt: at, updatedAt: at };
    this.comments.push(c);
    return c;
  }

  issue(n: number): FakeIssue {
    const i = this.issues.find((x) => x.number === n);
    if (!i) throw new HttpError(404, 'Not Found');
    return i;
  }

  html(path: string): string {
    return `https://github.com/${this.options.owner}/${this.options.repo}/${path}`;
  }
}

async function serve(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', state.baseUrl);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const query = Object.fromEntries(url.searchParams);
  const method = req.method ?? 'GET';
  let out: { status: number; body: unknown; headers?: Record<string, string> };
  try {
    out = route(state, { method, parts: url.pathname.split('/').filter(Boolean), query, body, url }, token);
  } catch (e) {
    out = e instanceof HttpError ? { status: e.status, body: { message: e.message, documentation_url: 'https://docs.github.com/rest' } } : { status: 500, body: { message: String(e) } };
  }
  state.requests.push({ method, path: url.pathname, query, body: raw ? body : undefined, token, status: out.status });
  res.writeHead(out.status, { 'content-type': 'application/json; charset=utf-8', ...(out.headers ?? {}) });
  res.end(out.status === 204 ? undefined : JSON.stringify(out.body));
}

function route(state: FakeState, req: Parsed, token: string | undefined): { status: number; body: unknown; headers?: Record<string, string> } {
  const perms = token === undefined ? undefined : state.tokens.get(token);
  if (!perms) throw new HttpError(401, 'Bad credentials');
  const [repos, owner, repo, ...rest] = req.parts;
  if (repos !== 'repos' || owner !== state.options.owner || repo !== state.options.repo) throw new HttpError(404, 'Not Found');
  const key = `${req.method} ${rest.map((p) => (/^\d+$/.test(p) ? ':n' : p)).join('/')}`;
  const handler = handlers(state)[key];
  if (!handler) throw new HttpError(404, 'Not Found');
  const need = required(state, key, rest);
  if (!allowed(perms, need)) throw new HttpError(403, 'Resource not accessible by integration');
  return handler(req);
}

/** Which permission an endpoint needs: any of the listed scopes at the given level. */
function required(state: FakeState, key: string, rest: readonly string[]): { scopes: readonly string[]; level: 'read' | 'write' } {
  const write = !key.startsWith('GET');
  const n = rest[1] !== undefined && /^\d+$/.test(rest[1]) ? Number(rest[1]) : undefined;
  const onPull = n !== undefined && rest[0] === 'issues' && state.issues.find((i) => i.number === n)?.pullRequest === true;
  if (key.startsWith('POST issues/:n/comments') || key.startsWith('PATCH issues/comments') || key.startsWith('GET issues/:n/comments')) {
    return { scopes: onPull || key.startsWith('PATCH') ? ['issues', 'pull-requests'] : ['issues'], level: write ? 'write' : 'read' };
  }
  return { scopes: onPull ? ['pull-requests'] : ['issues'], level: write ? 'write' : 'read' };
}

function allowed(perms: Permissions, need: { scopes: readonly string[]; level: 'read' | 'write' }): boolean {
  return need.scopes.some((s) => perms[s] === 'write' || (need.level === 'read' && perms[s] === 'read'));
}

function handlers(state: FakeState): Record<string, Handler> {
  return {
    'GET issues/:n/comments': (req) => {
      const n = Number(req.parts[4]);
      state.issue(n);
      return page(state, req, state.comments.filter((c) => c.issueNumber === n).map((c) => commentJson(state, c)));
    },
    'POST issues/:n/comments': (req) => {
      const n = Number(req.parts[4]);
      state.issue(n);
      return { status: 201, body: commentJson(state, state.newComment(n, requireString(req.body, 'body'), 'github-actions[bot]')) };
    },
    'PATCH issues/comments/:n': (req) => {
      const c = state.comments.find((x) => x.id === Number(req.parts[5]));
      if (!c) throw new HttpError(404, 'Not Found');
      c.body = requireString(req.body, 'body');
      c.updatedAt = state.timestamp();
      return { status: 200, body: commentJson(state, c) };
    },
    'GET issues': (req) => page(state, req, listIssues(state, req.query).map((i) => issueJson(state, i))),
    'POST issues': (req) => {
      const labels = Array.isArray(req.body.labels) ? req.body.labels.map(String) : [];
      const issue = state.newIssue({ title: requireString(req.body, 'title'), body: typeof req.body.body === 'string' ? req.body.body : '', labels, pullRequest: false });
      return { status: 201, body: issueJson(state, issue) };
    },
    'PATCH issues/:n': (req) => {
      const issue = state.issue(Number(req.parts[4]));
      const b = req.body;
      if (typeof b.title === 'string') issue.title = b.title;
      if (typeof b.body === 'string') issue.body = b.body;
      if (b.state === 'open' || b.state === 'closed') issue.state = b.state;
      if (typeof b.state_reason === 'string') issue.stateReason = b.state_reason;
      issue.updatedAt = state.timestamp();
      return { status: 200, body: issueJson(state, issue) };
    },
    'GET labels': (req) => page(state, req, state.labels.map((name, i) => ({ id: i + 1, name }))),
    'POST labels': (req) => {
      const name = requireString(req.body, 'name');
      if (state.labels.includes(name)) throw new HttpError(422, 'Validation Failed: already_exists');
      state.labels.push(name);
      return { status: 201, body: { id: state.labels.length, name } };
    },
  };
}

function listIssues(state: FakeState, q: Readonly<Record<string, string>>): FakeIssue[] {
  const wanted = (q.labels ?? '').split(',').filter(Boolean);
  const stateFilter = q.state ?? 'open';
  const found = state.issues.filter((i) => (stateFilter === 'all' || i.state === stateFilter) && wanted.every((l) => i.labels.includes(l)));
  // GitHub's default is newest first (sort=created, direction=desc).
  return q.direction === 'asc' ? found : [...found].reverse();
}

function requireString(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (typeof v !== 'string') throw new HttpError(422, `Validation Failed: ${field} is missing`);
  return v;
}

/** One page of `items` and GitHub's `link` header (next/last/first/prev), keeping the request's other parameters. */
function page(state: FakeState, req: Parsed, items: readonly unknown[]): { status: number; body: unknown; headers?: Record<string, string> } {
  const perPage = Math.min(Number(req.query.per_page ?? 30) || 30, 100, state.options.maxPerPage ?? 100);
  const pageNo = Math.max(1, Number(req.query.page ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (p: number) => {
    const u = new URL(req.url.pathname, state.baseUrl);
    for (const [k, v] of Object.entries(req.query)) u.searchParams.set(k, v);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const links = [
    ...(pageNo < last ? [`<${at(pageNo + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`] : []),
    ...(pageNo > 1 ? [`<${at(1)}>; rel="first"`, `<${at(pageNo - 1)}>; rel="prev"`] : []),
  ];
  return { status: 200, body: items.slice((pageNo - 1) * perPage, pageNo * perPage), ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
}

function commentJson(state: FakeState, c: FakeComment) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    body: c.body,
    user: { login: c.user, type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
    html_url: state.html(`pull/${c.issueNumber}#issuecomment-${c.id}`),
    url: `${state.baseUrl}/repos/${state.options.owner}/${state.options.repo}/issues/comments/${c.id}`,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function issueJson(state: FakeState, i: FakeIssue) {
  return {
    id: 5000 + i.number,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.stateReason,
    labels: i.labels.map((name) => ({ id: state.labels.indexOf(name) + 1, name })),
    html_url: state.html(`${i.pullRequest ? 'pull' : 'issues'}/${i.number}`),
    url: `${state.baseUrl}/repos/${state.options.owner}/${state.options.repo}/issues/${i.number}`,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.state === 'closed' ? i.updatedAt : null,
    ...(i.pullRequest ? { pull_request: { url: `${state.baseUrl}/repos/${state.options.owner}/${state.options.repo}/pulls/${i.number}` } } : {}),
  };
}
