import { describe, expect, it } from 'vitest';
import { SpeakerMask } from '../../src/model/sensitive.js';

// Masks written out by hand (first and last two characters, `printf %s ID | sha256sum` prefix), not by the code tested.
const CUST_1 = 'cu…-1 (sha256:21d12090)';
const ABC_9 = 'ab…_9 (sha256:7267a27c)';

describe('SpeakerMask', () => {
  it('masks every declared id wherever it stands as a whole token, and nothing else', () => {
    const m = new SpeakerMask();
    m.declare(['cust-1', 'abc_9']);
    const text = 'Speaker cust-1 conflicts with "abc_9"; arn:aws:voiceid:x:speaker/cust-1. cust-12 xcust-1';
    expect(m.apply(text)).toBe(`Speaker ${CUST_1} conflicts with "${ABC_9}"; arn:aws:voiceid:x:speaker/${CUST_1}. cust-12 xcust-1`);
  });

  it('leaves text unchanged while no id is declared', () => {
    expect(new SpeakerMask().apply('cust-1')).toBe('cust-1');
  });
});
