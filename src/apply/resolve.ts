/**
 * Values known only at apply time (APPLY.md A3.1): the id of a domain created in this run (`{ ref }`), and the
 * ids of the watchlists a job names. Kept per run; never guessed: an unresolved value fails its change.
 */
import type { VoiceIdApi } from '../aws/api.js';
import { collect, tokenArg } from '../aws/paginate.js';
import { DEFAULT_WATCHLIST_NAME } from '../model/desired.js';
import { GitopsError } from '../model/errors.js';
import type { DomainIdValue } from '../model/plan.js';
import { domainScopedToken } from '../plan/canonical.js';

/**
 * A3.2 / PLAN.md R9.1: the plan scoped the token of a child of an existing domain; the child of a domain created in
 * this run is scoped here, to the id CreateDomain answered (the token a re-plan would give it once it exists).
 */
export function tokenFor(input: { readonly DomainId: DomainIdValue; readonly ClientToken: string }, domainId: string): string {
  return typeof input.DomainId === 'string' ? input.ClientToken : domainScopedToken(input.ClientToken, domainId);
}

export class RunState {
  /** `domain.<key>` -> DomainId answered by CreateDomain in this run. */
  private readonly refs = new Map<string, string>();
  /** `domain.<key>` -> Arn answered by CreateDomain in this run (the applied record's TagResource, PLAN.md R11.4). */
  private readonly arns = new Map<string, string>();
  /** DomainId -> watchlist name -> id, filled by CreateWatchlist answers and ListWatchlists. */
  private readonly watchlists = new Map<string, Map<string, string>>();
  /** Domains whose watchlists were listed in this run. */
  private readonly listed = new Set<string>();

  constructor(private readonly api: VoiceIdApi) {}

  setRef(ref: string, domainId: string, arn?: string): void {
    this.refs.set(ref, domainId);
    if (arn !== undefined) this.arns.set(ref, arn);
  }

  arn(value: string | { readonly ref: string }): string {
    if (typeof value === 'string') return value;
    const arn = this.arns.get(value.ref);
    if (arn === undefined) throw new GitopsError('APPLY_UNRESOLVED', `${value.ref} has no ARN: it was not created in this run`, 'internal');
    return arn;
  }

  domainId(value: DomainIdValue): string {
    if (typeof value === 'string') return value;
    const id = this.refs.get(value.ref);
    if (id === undefined) throw new GitopsError('APPLY_UNRESOLVED', `${value.ref} has no DomainId: it was not created in this run`, 'internal');
    return id;
  }

  rememberWatchlist(domainId: string, name: string, watchlistId: string | undefined): void {
    if (watchlistId === undefined) return;
    this.byName(domainId).set(name, watchlistId);
  }

  forgetWatchlist(domainId: string, watchlistId: string): void {
    const names = this.byName(domainId);
    for (const [name, id] of names) if (id === watchlistId) names.delete(name);
  }

  /** Names -> ids in the same order; `default` is the domain's default watchlist. */
  async watchlistIds(domainId: string, names: readonly string[]): Promise<string[]> {
    const known = this.byName(domainId);
    if (names.some((n) => !known.has(n)) && !this.listed.has(domainId)) await this.list(domainId);
    return names.map((n) => {
      const id = known.get(n);
      if (id === undefined) throw new GitopsError('APPLY_UNKNOWN_WATCHLIST', `watchlist "${n}" does not exist in domain ${domainId}`, 'user');
      return id;
    });
  }

  private async list(domainId: string): Promise<void> {
    const known = this.byName(domainId);
    const listed = await collect((t) => this.api.listWatchlists({ DomainId: domainId, ...tokenArg(t) }), (p) => p.WatchlistSummaries);
    for (const w of listed) {
      if (!w.WatchlistId) continue;
      if (w.DefaultWatchlist) known.set(DEFAULT_WATCHLIST_NAME, w.WatchlistId);
      else if (w.Name !== undefined) known.set(w.Name, w.WatchlistId);
    }
    this.listed.add(domainId);
  }

  private byName(domainId: string): Map<string, string> {
    let m = this.watchlists.get(domainId);
    if (!m) {
      m = new Map();
      this.watchlists.set(domainId, m);
    }
    return m;
  }
}
