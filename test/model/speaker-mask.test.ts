import { describe, expect, it } from 'vitest';
import { maskSpeakerId, SpeakerMask } from '../../src/model/sensitive.js';

describe('SpeakerMask', () => {
  it('masks every declared id wherever it stands as a whole token, and nothing else', () => {
    const m = new SpeakerMask();
    m.declare(['cust-1', 'abc_9']);
    const text = 'Speaker cust-1 conflicts with "abc_9"; arn:aws:voiceid:x:speaker/cust-1. cust-12 xcust-1';
    expect(m.apply(text)).toBe(`Speaker ${maskSpeakerId('cust-1')} conflicts with "${maskSpeakerId('abc_9')}"; arn:aws:voiceid:x:speaker/${maskSpeakerId('cust-1')}. cust-12 xcust-1`);
  });

  it('leaves text unchanged while no id is declared', () => {
    expect(new SpeakerMask().apply('cust-1')).toBe('cust-1');
  });
});
