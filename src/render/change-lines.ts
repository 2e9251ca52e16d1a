/**
 * One change as Terraform-like lines: title, attribute-level diff, speaker ids
 * masked through the Redactor, reasons and the API calls. Shared by the text and markdown renderings.
 */
import type { Attributes, Change, ChangeAction, JsonValue } from '../model/plan.js';
import type { Redactor } from '../model/sensitive.js';
import { kindModule } from '../kinds/registry.js';
import { VERB, changeTitle, formatValue, isNested, shownAs, type ShownAs } from './common.js';
import type { Style } from './style.js';

export interface ChangeLineOptions {
  readonly redactor: Redactor;
  readonly style: Style;
  /** At most this many speaker ids are listed per change; a longer list is summarised (counts), unless unmasked. */
  readonly maxSpeakerIds: number;
  /** Show the API calls of each change (`# calls:`); the PR comment leaves them out. */
  readonly calls?: boolean;
  /**
   * Show the reasons (and a deferral's) as `#` lines; the PR comment renders them as their own lines outside the
   * diff block (`reasonLines`), where GitHub wraps them instead of cutting them at the box's edge.
   */
  readonly reasons?: boolean;
}

const ACTION_STYLE: Readonly<Record<ShownAs, keyof Style>> = {
  create: 'add',
  start: 'add',
  update: 'change',
  'opt-out': 'change',
  delete: 'remove',
  adopt: 'adopt',
  deferred: 'blocked',
  blocked: 'blocked',
};

export function changeLines(c: Change, o: ChangeLineOptions): string[] {
  // The kind's module may replace the lines (bookkeeping) or the body (opt-outs list speaker ids).
  const kind = kindModule(c.kind).render;
  if (kind.whole) return kind.whole(c, o);
  const paint = o.style[ACTION_STYLE[shownAs(c)]] as (s: string) => string;
  const verb = VERB[shownAs(c)];
  const lines = [o.style.dim(`# ${c.address} ${verb}`), paint(changeTitle(c))];
  const body = kind.body ? kind.body(c, o) : attributeLines(c.action, c.before as Attributes | undefined, c.after as Attributes | undefined, o.style);
  lines.push(...body.map((l) => `    ${l}`));
  if (c.blocked) lines.push(`    ${o.style.blocked(`! ${c.blocked.reason}`)}`);
  if (o.reasons !== false) {
    if (c.deferred) lines.push(`    ${o.style.blocked(`# deferred: ${c.deferred.reason}`)}`);
    for (const r of c.reasons) lines.push(`    ${o.style.dim(`# ${r}`)}`);
  }
  if (o.calls !== false && c.operations.length > 0) lines.push(`    ${o.style.dim(`# calls: ${c.operations.map((op) => op.kind).join(', ')}`)}`);
  return lines;
}

function attributeLines(action: ChangeAction, before: Attributes | undefined, after: Attributes | undefined, s: Style): string[] {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  // Own properties only: tag keys such as "toString" are data, not Object.prototype members.
  const own = (r: Attributes, k: string) => (Object.hasOwn(r, k) ? r[k] : undefined);
  const all = action === 'create' || action === 'start' || action === 'delete';
  // Align only the attributes shown: hidden unchanged ones must not widen the column.
  const width = Math.max(0, ...keys.filter((k) => all || JSON.stringify(own(a, k)) !== JSON.stringify(own(b, k))).map((k) => k.length));
  const pad = (k: string) => k.padEnd(width);
  const lines: string[] = [];
  let unchanged = 0;
  for (const k of keys) {
    const was = own(b, k);
    const will = own(a, k);
    if (action === 'create' || action === 'start' || (was === undefined && will !== undefined)) {
      lines.push(...valueLines(s.add('+'), pad(k), will));
    } else if (action === 'delete' || will === undefined) {
      const removal = action === 'delete' ? '' : s.dim('  # removed');
      lines.push(...valueLines(s.remove('-'), pad(k), was).map((l, i) => (i === 0 ? l + removal : l)));
    } else if (JSON.stringify(was) === JSON.stringify(will)) {
      unchanged++;
    } else {
      // Only scalar attributes are ever updated in place (domain fields, tag values, a watchlist description);
      // nested values belong to creates and starts, shown whole above.
      lines.push(`${s.change('~')} ${pad(k)} = ${formatValue(was)} -> ${formatValue(will)}`);
    }
  }
  if (unchanged > 0 && !all) {
    lines.push(s.dim(`# (${unchanged} unchanged attribute${unchanged === 1 ? '' : 's'} hidden)`));
  }
  return lines;
}

function valueLines(mark: string, key: string, v: JsonValue | undefined): string[] {
  if (!isNested(v)) return [`${mark} ${key} = ${formatValue(v)}`];
  const json = JSON.stringify(v, null, 2).split('\n');
  return [`${mark} ${key} = ${json[0] ?? ''}`, ...json.slice(1).map((l) => `  ${l}`)];
}
