/** The per-test stand-in (per-test.ts): what it forwards to, and that every resource it opened is closed once. */
import { afterAll, describe, expect, it } from 'vitest';
import { perTest } from './per-test.js';

interface Box {
  readonly n: number;
  readonly label: () => string;
}

describe('started before each test', () => {
  const log: string[] = [];
  let made = 0;
  const open = async (o: { readonly tag: string }): Promise<Box> => {
    made += 1;
    const n = made;
    log.push(`open ${o.tag}${n}`);
    return { n, label: () => `${o.tag}${n}` };
  };
  const box = perTest(open, async (b) => void log.push(`close ${b.label()}`), { beforeEach: { tag: 'each' } });

  it('forwards to the resource opened for this test', () => {
    expect(box.n).toBe(1);
    expect(box.label()).toBe('each1');
  });

  it('opens a new one for the next test, the previous one closed', () => {
    expect(box.n).toBe(2);
    expect(log).toEqual(['open each1', 'close each1', 'open each2']);
  });

  it('start replaces it, closing the one before; close closes it early and only once', async () => {
    const started = await box.start({ tag: 'own' });
    expect(started.label()).toBe('own4');
    expect(box.label()).toBe('own4');
    await box.close();
    expect(() => box.n).toThrow('perTest: n read with no resource started in this test');
    expect(log.slice(4)).toEqual(['open each3', 'close each3', 'open own4', 'close own4']);
  });

  afterAll(() => {
    // The last test closed its own early: the afterEach after it closed nothing more.
    expect(log.filter((l) => l === 'close own4')).toHaveLength(1);
  });
});

describe('started by each test', () => {
  const closed: number[] = [];
  let made = 0;
  const box = perTest(async (): Promise<Box> => ({ n: (made += 1), label: () => 'x' }), async (b) => void closed.push(b.n));

  it('has nothing before the test starts one, and is not a thenable', async () => {
    expect(() => box.n).toThrow('no resource started');
    expect(Reflect.get(box, 'then')).toBeUndefined();
    expect((await box.start()).n).toBe(1);
  });

  it('closed the one the previous test started, after that test', () => {
    expect(closed).toEqual([1]);
    expect(made).toBe(1);
  });
});
