/**
 * The README stays runnable and current: every `voiceid-gitops ...` command line it shows parses with the CLI's
 * own option definitions, the tour runs as written (in a fresh directory, against the embedded emulator), the
 * files it and the docs/ pages link exist and are in the npm package, and its numbers are the code's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VOICE_ID_REGIONS } from '../../src/aws/errors.js';
import { voiceIdHandlers } from '../../src/emulator/ops/index.js';
import { RESOURCE_QUOTAS } from '../../src/model/quotas.js';
import { runCli } from '../helpers/cli.js';
import { cliParser, parseProblem } from '../helpers/cli-parser.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const readme = read('README.md');
const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);

/** Shell words of a command line (quotes kept simple: the README uses none inside voiceid-gitops lines). */
const words = (line: string): string[] => line.trim().split(/\s+/);

/** `voiceid-gitops ...` lines of the sh blocks (comments cut) and inline code spans, placeholders kept. */
function commandLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const fromBlocks = blocks.map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l.startsWith('voiceid-gitops '));
  const inline = [...markdown.matchAll(/`(voiceid-gitops [^`]+)`/g)].map((m) => m[1]!).filter((l) => !l.includes('...'));
  return [...fromBlocks, ...inline];
}

describe('README commands', () => {
  const lines = [...new Set(commandLines(readme))];

  it('shows the commands of the tour and of the quick start', () => {
    for (const sub of ['validate', 'plan', 'apply', 'export', 'demo', 'iam-policy']) expect(lines.some((l) => words(l)[1] === sub), sub).toBe(true);
  });

  it.each(lines)('`%s` parses with the CLI\'s option definitions', async (line) => {
    expect(await parseProblem(line)).toBeUndefined();
  });

  it('lists every command of the CLI', () => {
    for (const c of cliParser().commands) expect(readme, c.name()).toContain(`\`${c.name()}\``);
  });
});

describe('the README tour, run as written in an empty directory', () => {
  it('validate -> plan -> apply -> saved plan -> targeted plan -> drift check -> export -> plan of the export: all succeed', async () => {
    const tour = readme.slice(readme.indexOf('## A tour'), readme.indexOf('## The local emulator'));
    const blocks = [...tour.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const dir = await mkdtemp(join(tmpdir(), 'voiceid-readme-'));
    try {
      const outputs: string[] = [];
      for (const block of blocks) {
        const heredoc = block.match(/^cat > (\S+) <<'EOF'\n([\s\S]*?)\nEOF$/m);
        if (heredoc) {
          await mkdir(dirname(join(dir, heredoc[1]!)), { recursive: true });
          await writeFile(join(dir, heredoc[1]!), `${heredoc[2]!}\n`);
        }
        for (const line of commandLines(`\`\`\`sh\n${block}\`\`\``)) {
          const r = await runCli(words(line).slice(1), { cwd: dir, stdinIsTTY: true, prompt: async () => 'yes', sleep: async () => undefined });
          expect(r.code, `${line}\n${r.stderr}`).toBe(0);
          outputs.push(r.stdout);
        }
      }
      expect(outputs).toHaveLength(9);
      expect(outputs[2]).toContain('Verified: live state matches the desired state.');
      expect(outputs[5]).toContain('warning W_TARGETED: resource targeting is in effect (--target domain.support.tags)');
      expect(outputs.at(-1)).toContain('No changes.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('links of the README and the docs/ pages', () => {
  const packed = new Set(
    (JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path),
  );
  const links = ['README.md', ...docs].flatMap((page) =>
    [...read(page).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l)).map((l) => ({ page, target: normalize(join(dirname(page), l)).replace(/\/$/, '') })),
  );

  it('finds the links', () => expect(links.length).toBeGreaterThan(10));

  it.each(links)('$page -> $target exists and is in the npm package', ({ target }) => {
    expect(existsSync(join(root, target))).toBe(true);
    expect([...packed].some((f) => f === target || f.startsWith(`${target}/`)), `${target} is not in the package`).toBe(true);
  });

  // GitHub drops raw HTML such as `<key>` from a heading outside a code span before making its anchor.
  const slug = (heading: string): string =>
    heading.replace(/`([^`]*)`|<[^>]*>/g, (_m, code: string | undefined) => code ?? '').trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
  const anchors = ['README.md', ...docs].flatMap((page) =>
    [...read(page).matchAll(/\]\(([^)#\s]+)#([^)\s]+)\)/g)].map((m) => ({ page, file: normalize(join(dirname(page), m[1]!)), anchor: m[2]! })),
  );

  it.each(anchors)('$page -> $file#$anchor is a heading of that file', ({ file, anchor }) => {
    const headings = [...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!));
    expect(headings).toContain(anchor);
  });
});

describe('numbers of the README and the docs/ pages', () => {
  it('the local domain quota is the service quota the emulator keeps', () => {
    expect(readme).toContain(`${RESOURCE_QUOTAS.domainsPerAccount} domains per account`);
  });

  it('the Regions where Voice ID was offered are the ones the error messages use', () => {
    const listed = readme.match(/Voice ID was offered in ([a-z0-9,\s-]+?)\.\n/)?.[1]?.replace(/\s+and\s+|\s*,\s*|\s+/g, ',').split(',').filter(Boolean);
    expect(listed).toEqual(VOICE_ID_REGIONS);
  });

  it('the emulator serves the number of operations docs/emulator.md names', () => {
    expect(read('docs/emulator.md')).toContain(`all ${Object.keys(voiceIdHandlers).length} operations`);
  });
});

describe('docs/performance.md', () => {
  it('claims how long the whole bench run takes only as bench/results/latest.json records it', () => {
    const page = read('docs/performance.md');
    const latest = JSON.parse(read('bench/results/latest.json')) as { totalS?: number };
    // "The whole run takes (about|under) N minutes": a measured claim; "is meant to take" is a goal.
    const claims = [...page.matchAll(/(?:whole run|npm run bench) takes[^.]*?(\d+(?:\.\d+)?) min/gi)].map((m) => Number(m[1]));
    if (latest.totalS === undefined) expect(claims, 'latest.json records no total duration').toEqual([]);
    else for (const minutes of claims) expect(minutes * 60).toBeGreaterThanOrEqual(latest.totalS);
  });
});

