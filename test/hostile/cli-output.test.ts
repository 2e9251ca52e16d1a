/**
 * What the CLI prints from hostile sources (CONTRACT §6, §8): control characters in YAML or in an AWS error are
 * escaped, declared speaker ids named by an AWS error are masked at the output boundary, and a list of 100,000
 * inline ids validates (it used to take 277 s). Real child processes, 256 MiB heap.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './harness.js';
import { domainYaml, tempRepo, type TempRepo } from './temp-repo.js';

const AWS_ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
/** Raw bytes a terminal would act on: ESC (sequences), BEL, NUL, and a CR not followed by LF. */
function rawControls(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x00 || c === 0x07 || c === 0x1b || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) found.push(`0x${c.toString(16)} at ${i}`);
  }
  return found;
}

describe('an AWS error naming declared speaker ids, with terminal escapes in it', () => {
  let server: Server;
  let url: string;
  let repo: TempRepo;
  beforeAll(async () => {
    // Every call fails with a message that names two declared ids (one inline, one from the opt-out file).
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'ValidationException', 'x-amzn-requestid': 'req-1' });
      res.end(JSON.stringify({ __type: 'ValidationException', message: 'speakers cust-0001 and cust-0002 clash\u001b]0;owned\u0007\u001b[2J' }));
    });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    repo = tempRepo({ 'voiceid/main.yaml': domainYaml('    optedOutSpeakers: [cust-0001]\n    optedOutSpeakersFile: ids.txt\n'), 'voiceid/ids.txt': 'cust-0002\n' });
  });
  afterAll(async () => {
    await new Promise((res) => server.close(res));
    repo.cleanup();
  });

  it('prints the error with both ids masked and the escapes escaped', async () => {
    const r = await runCli(['plan', 'voiceid', '--endpoint-url', url], { cwd: repo.dir, env: AWS_ENV });
    expect({ timedOut: r.timedOut, code: r.code }).toEqual({ timedOut: false, code: 1 });
    expect(r.stderr).toContain(`speakers cu…01 (sha256:05e897e3) and cu…02 (sha256:40bfec84) clash\\e]0;owned\\x07\\e[2J`);
    expect(r.stdout + r.stderr).not.toMatch(/cust-000[12]/);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
  });
});

describe('control characters in the YAML', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempRepo({ 'a.yaml': domainYaml('    description: "ok"\n    bogus\u001b]0;owned\u0007\u001b[2J: 1\n    name: "x\ry"\n    tags: { k: "\u001b[31mred" }\n') });
  });
  afterAll(() => repo.cleanup());

  it('shows them escaped in messages and excerpts', async () => {
    const r = await runCli(['validate', 'a.yaml'], { cwd: repo.dir });
    expect({ timedOut: r.timedOut, code: r.code }).toEqual({ timedOut: false, code: 1 });
    expect(r.stderr).toContain('error E_UNKNOWN_KEY: unknown key `bogus\\e]0;owned\\x07\\e[2J` in domains.main');
    expect(r.stderr).toContain(' 8 |     bogus\\e]0;owned\\x07\\e[2J: 1');
    expect(r.stderr).toContain(' 9 |     name: "x\\ry"');
    expect(r.stderr).toContain(' 10 |     tags: { k: "\\e[31mred" }');
    expect(rawControls(r.stderr)).toEqual([]);
  });
});

describe('100,000 inline speaker ids', () => {
  let repo: TempRepo;
  beforeAll(() => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `      - cust-${String(i).padStart(6, '0')}\n`).join('');
    repo = tempRepo({ 'big.yaml': domainYaml(`    optedOutSpeakers:\n${ids}`) });
  });
  afterAll(() => repo.cleanup());

  // Quadratic uniqueItems took 277 s here; the harness kills the case at 60 s (a generous bound: the machine is
  // shared). The time itself is measured by bench/inline-ids.ts.
  it('validate well before the case timeout, in a 256 MiB heap', async () => {
    const r = await runCli(['validate', 'big.yaml'], { cwd: repo.dir, timeoutMs: 60_000 });
    expect({ timedOut: r.timedOut, overMemory: r.overMemory, code: r.code }).toEqual({ timedOut: false, overMemory: false, code: 0 });
    expect(r.stdout).toContain('valid: 1 file, 1 domain, 100000 speakers to keep opted out');
  }, 70_000);
});
