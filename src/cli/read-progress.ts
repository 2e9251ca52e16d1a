/** The one stderr line that says what a live read cost (reviewers and CI logs see throttling at a glance). */
import { totalStats } from '../aws/index.js';
import type { ReadStats } from '../live/index.js';
import type { LiveState } from '../model/live.js';

export function describeStats(live: LiveState, stats: ReadStats): string {
  const t = totalStats(stats.calls);
  const active = live.domains.filter((d) => d.status !== 'SUSPENDED').length;
  const faults = t.throttles + t.retries > 0 ? `, ${t.throttles} throttled, ${t.retries} retried` : '';
  return `Read ${active} domain${active === 1 ? '' : 's'} (${stats.discovery} discovery): ${t.calls} API call${t.calls === 1 ? '' : 's'}${faults} in ${(stats.wallMs / 1000).toFixed(1)} s`;
}
