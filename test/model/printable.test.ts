import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/model/printable.js';

describe('escapeControls', () => {
  it('shows C0, DEL, C1 and bidi controls as visible escapes and keeps tabs and ordinary text', () => {
    expect(escapeControls('a\u001b[31mb\u0000c\rd\u0007e\u007f\u009b\u202e\tf é😀')).toBe('a\\e[31mb\\0c\\rd\\x07e\\x7f\\x9b\\u{202e}\tf é😀');
  });

  it('escapes newlines unless asked to keep them', () => {
    expect(escapeControls('a\nb\u001b')).toBe('a\\nb\\e');
    expect(escapeControls('a\nb\u001b', true)).toBe('a\nb\\e');
  });
});
