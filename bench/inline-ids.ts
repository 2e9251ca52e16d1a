/**
 * How long does `validate` take on inline `optedOutSpeakers` lists? Generates YAML files with N inline ids (10k,
 * 40k, 100k by default) in a temporary directory and times loadDesired on each, in this process (the schema
 * compiled once beforehand). The JSON Schema's `uniqueItems` made this quadratic (100k: 277 s); the duplicate
 * check is now ours and linear. Not a test: the numbers depend on the machine.
 *
 *   node --import tsx bench/inline-ids.ts [N...]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDesired } from '../src/config/index.js';

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const tmp = mkdtempSync(join(tmpdir(), 'voiceid-bench-inline-'));

function yamlWith(n: number): string {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(`      - cust-${String(i).padStart(7, '0')}\n`);
  return `version: 1\ndomains:\n  big:\n    kmsKeyId: alias/voiceid\n    optedOutSpeakers:\n${ids.join('')}`;
}

try {
  writeFileSync(join(tmp, 'warm.yaml'), yamlWith(10));
  await loadDesired([join(tmp, 'warm.yaml')], { cwd: tmp });
  for (const n of counts.length > 0 ? counts : [10_000, 40_000, 100_000]) {
    const file = join(tmp, `ids-${n}.yaml`);
    writeFileSync(file, yamlWith(n));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await loadDesired([file], { cwd: tmp });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (result.kind !== 'valid') throw new Error(`${n} ids: not valid`);
    // CPU time next to wall time: on a shared machine the wall time mostly measures the neighbours.
    console.log(`${String(n).padStart(7)} inline ids: validate ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (GC threads included)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
