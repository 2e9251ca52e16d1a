/**
 * Every place src gives an error or warning code a hint, found syntactically (the TypeScript parser, no type
 * checker: fast): a call or `new` whose first argument is a code literal (`userError('E_X', ...)`,
 * `message('W_X', text, { hint })`, `make(...)`, `fail(...)`), with its hint resolved to what it can be:
 * - `command`: a RerunHint (an object with `say`), which the CLI fills in with the run's own command line;
 * - `text`: the literal words (`${...}` shown as `…`);
 * - `forwarded`: another error's or message's hint passed on (`e.hint`), checked where it was made.
 * Identifiers and calls are followed to the same file's const or function; what cannot be resolved is `unresolved`
 * (the test fails on it, so a new way of writing hints gets looked at).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export type HintForm = { readonly kind: 'command' } | { readonly kind: 'text'; readonly text: string } | { readonly kind: 'forwarded' } | { readonly kind: 'unresolved'; readonly what: string };

export interface HintSite {
  readonly code: string;
  /** `src/plan/identity.ts:74` */
  readonly at: string;
  /** Every form the hint can take (a conditional has two). */
  readonly forms: readonly HintForm[];
}

/** Helpers whose hint is a positional argument, by callee name; the rest carry `{ hint }` in an options object. */
const HINT_ARGUMENT: Readonly<Record<string, number>> = { userError: 2, make: 2, fail: 2, githubFailure: 4 };
/** Imported helpers that return a hint of complete commands (src/model/command-line.ts). */
const COMMAND_BUILDERS = new Set(['replanHint', 'rerunText', 'rerun']);
const CODE = /^[EWN]_[A-Z0-9_]+$|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function hintSites(root: string): HintSite[] {
  return files(join(root, 'src')).flatMap((file) => sitesOf(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true), relative(root, file)));
}

function sitesOf(sf: ts.SourceFile, name: string): HintSite[] {
  const consts = new Map<string, ts.Expression>();
  const functions = new Map<string, ts.Node>();
  const collect = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      if (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)) functions.set(n.name.text, n.initializer);
      else consts.set(n.name.text, n.initializer);
    }
    if (ts.isFunctionDeclaration(n) && n.name) functions.set(n.name.text, n);
    ts.forEachChild(n, collect);
  };
  collect(sf);

  const resolve = (e: ts.Expression, depth = 0): HintForm[] => {
    if (depth > 8) return [{ kind: 'unresolved', what: e.getText() }];
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) return resolve(e.expression, depth + 1);
    if (ts.isObjectLiteralExpression(e)) {
      const names = e.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ts.isSpreadAssignment(p) ? '...' : ''));
      return names.includes('say') || names.includes('...') ? [{ kind: 'command' }] : [{ kind: 'unresolved', what: e.getText() }];
    }
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ kind: 'text', text: e.text }];
    if (ts.isTemplateExpression(e)) return [{ kind: 'text', text: e.head.text + e.templateSpans.map((s) => `…${s.literal.text}`).join('') }];
    if (ts.isConditionalExpression(e)) return [...resolve(e.whenTrue, depth + 1), ...resolve(e.whenFalse, depth + 1)];
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return [...resolve(e.left, depth + 1), ...resolve(e.right, depth + 1)];
    }
    // Another error's hint (`e.hint`), or one the caller passed in (`ctx.quotaHint`): checked where it is made.
    if (ts.isPropertyAccessExpression(e) && /hint$/i.test(e.name.text)) return [{ kind: 'forwarded' }];
    if (ts.isIdentifier(e)) {
      const init = consts.get(e.text);
      if (init) return resolve(init, depth + 1);
      // A parameter of a helper (`fail(code, text, hint)`): the helper's callers are the sites.
      return [{ kind: 'forwarded' }];
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression.getText();
      if (COMMAND_BUILDERS.has(callee) || /\.rerun$/.test(callee)) return [{ kind: 'command' }];
      const fn = functions.get(callee);
      if (fn) return returnsOf(fn).flatMap((r) => resolve(r, depth + 1));
    }
    return [{ kind: 'unresolved', what: e.getText().slice(0, 80) }];
  };

  const out: HintSite[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments && n.arguments.length > 0) {
      const first = n.arguments[0]!;
      const code = ts.isStringLiteral(first) && CODE.test(first.text) ? first.text : undefined;
      const hint = code === undefined ? undefined : hintArgument(n.expression.getText(), n.arguments);
      if (code !== undefined && hint !== undefined) {
        out.push({ code, at: `${name}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, forms: resolve(hint) });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function hintArgument(callee: string, args: ts.NodeArray<ts.Expression>): ts.Expression | undefined {
  for (const a of args.slice(2)) {
    if (!ts.isObjectLiteralExpression(a)) continue;
    const hint = a.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'hint');
    if (hint) return hint.initializer;
  }
  const at = HINT_ARGUMENT[callee];
  return at === undefined ? undefined : args[at];
}

/** The expressions a function returns (an arrow's expression body, or its `return` statements). */
function returnsOf(fn: ts.Node): ts.Expression[] {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (n !== fn && (ts.isFunctionLike(n))) return;
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return out;
}
