/**
 * DesiredState -> YAML text in format version 1, the inverse of the loader (`export` writes backups with it).
 * Speaker ids are written inline (`optedOutSpeakers`); keys come in the documented order, absent optional
 * values are left out, and strings that would read back as another type are quoted by the yaml writer.
 */
import { stringify } from 'yaml';
import type { DesiredDomain, DesiredState } from '../model/desired.js';
import { compactPlain } from '../model/collections.js';
import { KIND_ORDER, kindModule } from '../kinds/registry.js';

export interface ToYamlOptions {
  /** Path of the JSON Schema from where the file will be written, for the yaml-language-server comment. */
  readonly schemaPath?: string;
}

type Plain = { [key: string]: unknown };
const compact = compactPlain;

/**
 * The order a domain's members are written in: as export has always written them, then any other kind's in
 * registry order (a new kind need not be named here).
 */
const WRITTEN_ORDER = ['name', 'description', 'kmsKeyId', 'adopt', 'protect', 'ignoreChanges', 'tags', 'optedOutSpeakers', 'watchlists'];
const rank = (m: string): number => (WRITTEN_ORDER.includes(m) ? WRITTEN_ORDER.indexOf(m) : WRITTEN_ORDER.length);

/** Each kind writes its members (its module's `yaml.write`, src/kinds/). */
function domainToPlain(d: DesiredDomain): Plain {
  const members: Plain = Object.assign({}, ...KIND_ORDER.map((k) => kindModule(k).yaml?.write(d) ?? {}));
  return compact(Object.fromEntries(Object.entries(members).sort(([a], [b]) => rank(a) - rank(b))));
}

export function toYaml(state: DesiredState, options: ToYamlOptions = {}): string {
  const domains: Plain = {};
  for (const d of state.domains) domains[d.key] = domainToPlain(d);
  const doc = compact({ version: state.version, stack: state.stack, region: state.region, prune: state.prune, domains });
  const body = stringify(doc, { lineWidth: 0, indentSeq: true, defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN' });
  const header = options.schemaPath ? `# yaml-language-server: $schema=${options.schemaPath}\n` : '';
  return header + body;
}
