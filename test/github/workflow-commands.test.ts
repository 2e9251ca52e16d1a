/** Workflow-command escaping as GitHub's toolkit does it (actions/toolkit packages/core/src/command.ts). */
import { describe, expect, test } from 'vitest';
import { escapeData, escapeProperty, workflowCommand } from '../../src/github/workflow-commands.js';

describe('workflow commands', () => {
  test('escape %, CR and LF in the message', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
  });

  test('escape also : and , in properties', () => {
    expect(escapeProperty('C:\\dir\\a,b.yaml 50%\n')).toBe('C%3A\\dir\\a%2Cb.yaml 50%25%0A');
  });

  test('an error with its position and code', () => {
    expect(workflowCommand({ level: 'error', file: 'stacks/prod/main.yaml', line: 5, col: 7, title: 'E_UNKNOWN_KEY', message: 'unknown key `prnue`: did you mean prune?' })).toBe(
      '::error file=stacks/prod/main.yaml,line=5,col=7,title=E_UNKNOWN_KEY::unknown key `prnue`: did you mean prune?',
    );
  });

  test('a warning without a position, a multi-line message kept on one line', () => {
    expect(workflowCommand({ level: 'warning', title: 'W_OPT_OUT_ONE_WAY', message: 'line one\nhint: two' })).toBe('::warning title=W_OPT_OUT_ONE_WAY::line one%0Ahint: two');
    expect(workflowCommand({ level: 'notice', message: 'plain' })).toBe('::notice::plain');
  });
});
