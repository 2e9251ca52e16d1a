/**
 * Derives specs/voice-id-constraints.json from the Smithy model of Voice ID.
 *
 * The output keeps shapes, members and their constraint traits (required, length, range, pattern, enum,
 * sensitive, default, idempotency token, error/httpError, pagination) and drops every documentation string,
 * so the emulator and the YAML validator enforce exactly what the service model says.
 *
 * Usage: tsx scripts/gen-constraints.ts [MODEL] [OUT]   (default model: scripts/model/voice-id.smithy.json, a copy of
 *        ../shared/reference/voice-id.smithy.json from aws/api-models-aws, Apache-2.0)
 *        tsx scripts/gen-constraints.ts --check          (exit 1 if the committed file is out of date)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const positional = args.filter((a) => !a.startsWith('--'));
const modelPath = positional[0] ?? path.resolve(root, 'scripts/model/voice-id.smithy.json');
const outPath = positional[1] ?? path.resolve(root, 'specs/voice-id-constraints.json');

type Json = Record<string, unknown>;
interface SmithyShape {
  type: string;
  members?: Record<string, { target: string; traits?: Json }>;
  member?: { target: string; traits?: Json };
  input?: { target: string };
  output?: { target: string };
  errors?: { target: string }[];
  operations?: { target: string }[];
  resources?: { target: string }[];
  traits?: Json;
}

const NS = 'com.amazonaws.voiceid#';
const raw = readFileSync(modelPath, 'utf8');
const model = JSON.parse(raw) as { shapes: Record<string, SmithyShape> };

function shortName(id: string): string {
  return id.startsWith(NS) ? id.slice(NS.length) : id;
}

function constraintTraits(traits: Json | undefined): Json {
  const out: Json = {};
  if (!traits) return out;
  const length = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
  if (length) out.length = { ...length };
  const range = traits['smithy.api#range'] as { min?: number; max?: number } | undefined;
  if (range) out.range = { ...range };
  const pattern = traits['smithy.api#pattern'];
  if (typeof pattern === 'string') out.pattern = pattern;
  const enumTrait = traits['smithy.api#enum'] as { value: string }[] | undefined;
  if (enumTrait) out.enum = enumTrait.map((e) => e.value);
  if ('smithy.api#sensitive' in traits) out.sensitive = true;
  if ('smithy.api#default' in traits) out.default = traits['smithy.api#default'];
  if ('smithy.api#error' in traits) out.error = traits['smithy.api#error'];
  if ('smithy.api#httpError' in traits) out.httpError = traits['smithy.api#httpError'];
  return out;
}

const shapes: Record<string, Json> = {};
const operations: Record<string, Json> = {};
const prelude = new Set<string>();
let service: Json = {};

function ref(target: string): string {
  if (!target.startsWith(NS)) prelude.add(target);
  return shortName(target);
}

for (const [id, shape] of Object.entries(model.shapes)) {
  const name = shortName(id);
  switch (shape.type) {
    case 'structure': {
      const members: Record<string, Json> = {};
      for (const [m, def] of Object.entries(shape.members ?? {})) {
        const t = def.traits ?? {};
        const member: Json = { target: ref(def.target) };
        if ('smithy.api#required' in t) member.required = true;
        if ('smithy.api#idempotencyToken' in t) member.idempotencyToken = true;
        if ('smithy.api#default' in t) member.default = t['smithy.api#default'];
        members[m] = member;
      }
      shapes[name] = { type: 'structure', members, ...constraintTraits(shape.traits) };
      break;
    }
    case 'list':
      shapes[name] = { type: 'list', member: ref(shape.member!.target), ...constraintTraits(shape.traits) };
      break;
    case 'operation': {
      const t = shape.traits ?? {};
      const op: Json = {
        input: shortName(shape.input!.target),
        output: shortName(shape.output!.target),
        errors: (shape.errors ?? []).map((e) => shortName(e.target)),
      };
      if ('smithy.api#idempotent' in t) op.idempotent = true;
      if ('smithy.api#readonly' in t) op.readonly = true;
      const pag = t['smithy.api#paginated'] as Json | undefined;
      if (pag) op.paginated = { ...pag };
      operations[name] = op;
      break;
    }
    case 'service': {
      const t = shape.traits ?? {};
      const api = t['aws.api#service'] as Json;
      const sigv4 = t['aws.auth#sigv4'] as Json;
      service = {
        shapeName: name,
        sdkId: api.sdkId,
        arnNamespace: api.arnNamespace,
        endpointPrefix: api.endpointPrefix,
        signingName: sigv4.name,
        protocol: 'awsJson1_0',
        targetPrefix: name,
        version: (shape as unknown as { version: string }).version,
        operations: (shape.operations ?? []).map((o) => shortName(o.target)),
      };
      break;
    }
    case 'resource': // DomainResource only binds the five domain operations, listed under operations anyway
      break;
    default:
      shapes[name] = { type: shape.type, ...constraintTraits(shape.traits) };
  }
}

// Prelude shapes (smithy.api#String, #Boolean, ...) referenced directly by members.
for (const p of prelude) {
  const t = p.replace('smithy.api#', '').toLowerCase();
  shapes[shortName(p)] = { type: t === 'primitiveboolean' ? 'boolean' : t };
}

// Paginated operations inherit the service-level pagination defaults (tokens / page size member names).
const serviceShape = Object.values(model.shapes).find((s) => s.type === 'service');
const servicePag = (serviceShape?.traits?.['smithy.api#paginated'] ?? {}) as Json;
for (const op of Object.values(operations)) {
  if (op.paginated) op.paginated = { ...servicePag, ...(op.paginated as Json) };
}
const allOps = Object.keys(operations).sort();
service.operations = allOps;

const sortKeys = (o: Record<string, Json>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
const doc = {
  $comment: 'GENERATED by scripts/gen-constraints.ts from voice-id.smithy.json; do not edit by hand.',
  source: { file: path.basename(modelPath), sha256: createHash('sha256').update(raw).digest('hex') },
  service,
  operations: sortKeys(operations),
  shapes: sortKeys(shapes),
};
const text = JSON.stringify(doc, null, 1) + '\n';
if (check) {
  const current = readFileSync(outPath, 'utf8');
  if (current !== text) {
    console.error(`${path.relative(process.cwd(), outPath)} is out of date: run npm run gen:constraints`);
    process.exit(1);
  }
  console.log(`${path.relative(process.cwd(), outPath)} is up to date (${allOps.length} operations)`);
} else {
  writeFileSync(outPath, text);
  console.log(`wrote ${path.relative(process.cwd(), outPath)}: ${allOps.length} operations, ${Object.keys(shapes).length} shapes`);
}
