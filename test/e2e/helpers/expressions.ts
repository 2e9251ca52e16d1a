/**
 * The subset of GitHub Actions expressions (`${{ }}`) our workflows use, evaluated the way the runner does:
 * property paths (names may hold `-`), string/number/boolean/null literals, `!`, `==`, `!=`, `&&`, `||`,
 * parentheses, and the status functions. Comparisons follow the documented loose rules (strings compare
 * case-insensitively, mixed types compare as numbers). Anything else throws, so an expression this harness
 * does not understand fails the test instead of being guessed.
 * https://docs.github.com/en/actions/learn-github-actions/expressions
 */

export type Value = string | number | boolean | null | { readonly [key: string]: Value } | readonly Value[];

export interface ExpressionContext {
  readonly values: Readonly<Record<string, Value>>;
  /** State for success()/failure()/always()/cancelled(): did an earlier step of the job (or composite) fail? */
  readonly failed: boolean;
}

type Token = { readonly kind: 'op' | 'name' | 'string' | 'number'; readonly text: string };

const TOKEN = /\s*(?:(==|!=|&&|\|\||[!().,])|([A-Za-z_][A-Za-z0-9_-]*)|'((?:[^']|'')*)'|(\d+(?:\.\d+)?))/y;
const STATUS_FUNCTIONS = /\b(success|failure|always|cancelled)\s*\(/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`unsupported expression syntax at ${start}: ${source}`);
    if (m[1] !== undefined) tokens.push({ kind: 'op', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', text: m[3].replace(/''/g, "'") });
    else tokens.push({ kind: 'number', text: m[4] ?? '0' });
  }
  return tokens;
}

export function truthy(v: Value): boolean {
  return !(v === false || v === null || v === 0 || v === '' || (typeof v === 'number' && Number.isNaN(v)));
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v);
  return NaN;
}

function looseEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly ctx: ExpressionContext,
    private readonly source: string,
  ) {}

  parse(): Value {
    const v = this.or();
    if (this.pos !== this.tokens.length) throw new Error(`unexpected '${this.tokens[this.pos]?.text}' in: ${this.source}`);
    return v;
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'op' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.peek(text)) throw new Error(`expected '${text}' in: ${this.source}`);
    this.pos++;
  }

  private or(): Value {
    return this.chain('||', () => this.and(), (left, right) => (truthy(left) ? left : right));
  }

  private and(): Value {
    return this.chain('&&', () => this.equality(), (left, right) => (truthy(left) ? right : left));
  }

  /** `operand (op operand)*`, folded from the left (both sides are evaluated: these expressions have no effects). */
  private chain(op: string, operand: () => Value, combine: (left: Value, right: Value) => Value): Value {
    let left = operand();
    while (this.peek(op)) {
      this.pos++;
      left = combine(left, operand());
    }
    return left;
  }

  private equality(): Value {
    let left = this.unary();
    while (this.peek('==') || this.peek('!=')) {
      const negate = this.tokens[this.pos++]?.text === '!=';
      const equal = looseEquals(left, this.unary());
      left = negate ? !equal : equal;
    }
    return left;
  }

  private unary(): Value {
    if (this.peek('!')) {
      this.pos++;
      return !truthy(this.unary());
    }
    return this.primary();
  }

  private primary(): Value {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error(`unexpected end of: ${this.source}`);
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'op' && t.text === '(') {
      const v = this.or();
      this.expect(')');
      return v;
    }
    if (t.kind !== 'name') throw new Error(`unexpected '${t.text}' in: ${this.source}`);
    if (t.text === 'true' || t.text === 'false') return t.text === 'true';
    if (t.text === 'null') return null;
    if (this.peek('(')) return this.call(t.text);
    return this.path(this.ctx.values[t.text] ?? null);
  }

  private path(start: Value): Value {
    let v = start;
    while (this.peek('.')) {
      this.pos++;
      const key = this.tokens[this.pos++];
      if (key?.kind !== 'name') throw new Error(`expected a property name in: ${this.source}`);
      v = v !== null && typeof v === 'object' && !Array.isArray(v) ? ((v as Record<string, Value>)[key.text] ?? null) : null;
    }
    return v;
  }

  private call(name: string): Value {
    this.expect('(');
    this.expect(')');
    switch (name) {
      case 'success':
        return !this.ctx.failed;
      case 'failure':
        return this.ctx.failed;
      case 'always':
        return true;
      case 'cancelled':
        return false;
      default:
        throw new Error(`unsupported function ${name}() in: ${this.source}`);
    }
  }
}

export function evaluate(expression: string, ctx: ExpressionContext): Value {
  return new Parser(tokenize(expression), ctx, expression).parse();
}

function unwrap(text: string): string {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return m ? (m[1] ?? '') : text;
}

/** A step or job `if:`: with no status function in it, GitHub evaluates `success() && (condition)`. */
export function evaluateCondition(condition: string | boolean | undefined, ctx: ExpressionContext): boolean {
  if (condition === undefined) return !ctx.failed;
  const source = unwrap(String(condition));
  const full = STATUS_FUNCTIONS.test(source) ? source : `success() && (${source})`;
  return truthy(evaluate(full, ctx));
}

export function asString(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Replaces every `${{ expr }}` in a string with the expression's value as text. */
export function interpolate(text: string, ctx: ExpressionContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => asString(evaluate(expr, ctx)));
}
