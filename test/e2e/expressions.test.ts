/** The `${{ }}` evaluator of the workflow runner follows GitHub's documented rules for the forms our workflows use. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCondition, interpolate, type Value } from './helpers/expressions.js';

const ctx = (values: Record<string, Value>, failed = false) => ({ values, failed });

describe('workflow expressions', () => {
  it('runs a condition without a status function only while no earlier step failed', () => {
    expect(evaluateCondition("vars.X == 'true'", ctx({ vars: { X: 'true' } }))).toBe(true);
    expect(evaluateCondition("vars.X == 'true'", ctx({ vars: { X: 'true' } }, true))).toBe(false);
    expect(evaluateCondition('always()', ctx({}, true))).toBe(true);
  });

  it('compares strings ignoring case and other types as numbers', () => {
    expect(evaluate("'PLAN_STALE' == 'plan_stale'", ctx({}))).toBe(true);
    expect(evaluate("'2' == 2", ctx({}))).toBe(true);
    expect(evaluate("'' == 0", ctx({}))).toBe(true);
  });

  it('gives the first truthy operand of || and the first falsy one of &&, as values; && binds tighter, == tighter still', () => {
    expect(evaluate("'' || 'fallback'", ctx({}))).toBe('fallback');
    expect(evaluate("'first' || 'second'", ctx({}))).toBe('first');
    expect(evaluate("'' || 0 || 'third'", ctx({}))).toBe('third');
    expect(evaluate("'a' && 'b'", ctx({}))).toBe('b');
    expect(evaluate("0 && 'b'", ctx({}))).toBe(0);
    expect(evaluate("'a' && 'b' && ''", ctx({}))).toBe('');
    expect(evaluate("'' || 'a' && 'b'", ctx({}))).toBe('b');
    expect(evaluate("'x' == 'x' && 'y'", ctx({}))).toBe('y');
  });

  it('reads a missing property as null, so negating an input that was not given is true', () => {
    expect(evaluate('!inputs.simulate-drift', ctx({ inputs: {} }))).toBe(true);
    expect(evaluateCondition('${{ !inputs.simulate-drift }}', ctx({ inputs: { 'simulate-drift': true } }))).toBe(false);
  });

  it('substitutes expressions inside text and refuses syntax it does not know', () => {
    expect(interpolate('voiceid/${{ matrix.stack }}.json', ctx({ matrix: { stack: 'prod' } }))).toBe('voiceid/prod.json');
    expect(() => evaluate("hashFiles('**/*.yaml')", ctx({}))).toThrow();
  });
});
