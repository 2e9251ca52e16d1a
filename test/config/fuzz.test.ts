/**
 * Bad input never crashes the loader: random byte-level mutations of the example files (seeded, bounded) only
 * ever yield a desired state or well-formed diagnostics, and speaker ids written as list items stay masked.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertNever } from '../../src/model/assert-never.js';
import { CONFIG_CODES, formatDiagnostics, loadFromMemory } from '../../src/config/index.js';

const read = (p: string): Uint8Array => readFileSync(new URL(`../../examples/${p}`, import.meta.url));
const support = read('quickstart/support.yaml');
const sales = read('quickstart/sales.yaml');
const optOuts = read('quickstart/optouts/support.txt');
const large = read('large/estate.yaml');
const SPEAKERS = ['customer-0001', 'customer-0002', 'customer-0003', 'customer-0004'];

/** Snippets that upset YAML parsers, plus bytes that upset UTF-8 decoders. */
const nasty = ['\t', ': ', '- ', '[', ']', '{', '}', '"', "'", '&a ', '*a', '<<: ', '!tag ', '\n', '\r\n', '#', '---\n', '\ufeff', '\u2028', 'é', '1e400', '~', '|', '>'];
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...nasty) }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % bytes.length;
  const head = bytes.subarray(0, at);
  switch (m.kind) {
    case 'delete':
      return Buffer.concat([head, bytes.subarray(at + m.length)]);
    case 'insert':
      return Buffer.concat([head, Buffer.from(m.text), bytes.subarray(at)]);
    case 'byte':
      return Buffer.concat([head, Buffer.from([m.value]), bytes.subarray(at + 1)]);
    case 'duplicate':
      return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
    default:
      return assertNever(m, 'mutation');
  }
}

const apply = (bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array => ms.reduce(mutate, bytes);

describe('the loader under random mutations of the examples', () => {
  it('only ever returns a state or positioned one-line diagnostics with known codes, speaker ids masked', () => {
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(mutation, { maxLength: 2 }),
        fc.constantFrom('quickstart', 'large'),
        (yamlMutations, optOutMutations, example) => {
          const files =
            example === 'quickstart'
              ? [{ file: 'sales.yaml', bytes: sales }, { file: 'support.yaml', bytes: apply(support, yamlMutations) }]
              : [{ file: 'estate.yaml', bytes: apply(large, yamlMutations) }];
          const others = new Map([['optouts/support.txt', apply(optOuts, optOutMutations)], ['optouts/ivr-main.txt', new TextEncoder().encode('cust-1\n')]]);
          const result = loadFromMemory(files, others);
          const diagnostics = result.kind === 'valid' ? result.warnings : result.diagnostics;
          if (result.kind === 'invalid') expect(diagnostics.length).toBeGreaterThan(0);
          for (const d of diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.col).toBeGreaterThanOrEqual(1);
            expect(Object.keys(CONFIG_CODES)).toContain(d.code);
            expect(d.message).not.toMatch(/\n/);
          }
          // Ids still written as list items must stay masked; a mutation that glues an id to another word
          // (`optedOu customer-0001`) leaves nothing that says it is an id.
          const output = formatDiagnostics(diagnostics);
          const text = Buffer.from(files.map((f) => f.bytes).reduce((a, b) => Buffer.concat([a, b]))).toString('latin1');
          for (const id of SPEAKERS) if (!new RegExp(`(?<!- )${id}`).test(text)) expect(output).not.toContain(id);
        },
      ),
      { seed: 4242, numRuns: 400 },
    );
  });
});
