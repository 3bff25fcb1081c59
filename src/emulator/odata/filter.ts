/**
 * A parser for the subset of OData $filter that SharePoint list items accept through Graph:
 * comparisons (eq, ne, gt, ge, lt, le) on `fields/X`, `and`, `or`, `not`, parentheses and
 * `startswith(fields/X, 'text')`. Anything else is a 400 "Invalid filter clause", as on Graph.
 */

export type Literal =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 'dateTime'; readonly value: string };

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterExpr =
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'not'; readonly expr: FilterExpr }
  | {
      readonly kind: 'compare';
      readonly op: ComparisonOp;
      readonly field: string;
      readonly value: Literal;
    }
  | { readonly kind: 'startswith'; readonly field: string; readonly value: string };

export class FilterSyntaxError extends Error {}

type Token =
  | { t: 'ident'; v: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'datetime'; v: string }
  | { t: '(' }
  | { t: ')' }
  | { t: ',' };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: c });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError('Unterminated string literal');
        const ch = input[i] as string;
        if (ch === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      tokens.push({ t: 'string', v: value });
      continue;
    }
    const rest = input.slice(i);
    const dt = DATE_TIME.exec(rest);
    if (dt && dt[0].length > 4 && dt[0].includes('-')) {
      tokens.push({ t: 'datetime', v: dt[0] });
      i += dt[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      tokens.push({ t: 'number', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_/.]*/.exec(rest);
    if (ident) {
      tokens.push({ t: 'ident', v: ident[0] });
      i += ident[0].length;
      continue;
    }
    throw new FilterSyntaxError(`Unexpected character '${c}' at position ${i}`);
  }
  return tokens;
}

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/**
 * Parses a $filter expression; throws FilterSyntaxError with a reason when it is not valid.
 * `paths: 'fields'` takes list-item columns as fields/X (SharePoint); `'properties'` takes plain
 * property names (directory objects such as users).
 */
export function parseFilter(input: string, paths: 'fields' | 'properties' = 'fields'): FilterExpr {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isKeyword = (word: string): boolean => {
    const t = peek();
    return t?.t === 'ident' && t.v.toLowerCase() === word;
  };
  const expect = (kind: Token['t']): Token => {
    const t = tokens[pos];
    if (!t || t.t !== kind) throw new FilterSyntaxError(`Expected '${kind}'`);
    pos++;
    return t;
  };

  const fieldOf = (path: string): string => {
    const m =
      paths === 'fields'
        ? /^fields\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(path)
        : /^()([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
    if (m && paths === 'properties') return m[2] as string;
    if (!m) throw new FilterSyntaxError(`'${path}' cannot be filtered on`);
    return m[1] as string;
  };

  const literal = (): Literal => {
    const t = tokens[pos++];
    if (!t) throw new FilterSyntaxError('Expected a value');
    switch (t.t) {
      case 'string':
        return { type: 'string', value: t.v };
      case 'number':
        return { type: 'number', value: t.v };
      case 'datetime':
        return { type: 'dateTime', value: t.v };
      case 'ident': {
        const word = t.v.toLowerCase();
        if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true' };
        if (word === 'null') return { type: 'null' };
        break;
      }
      default:
        break;
    }
    throw new FilterSyntaxError('Expected a value');
  };

  const primary = (): FilterExpr => {
    const t = peek();
    if (!t) throw new FilterSyntaxError('Unexpected end of filter');
    if (t.t === '(') {
      pos++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (t.t === 'ident' && t.v.toLowerCase() === 'not') {
      pos++;
      return { kind: 'not', expr: primary() };
    }
    if (t.t === 'ident' && t.v.toLowerCase() === 'startswith' && tokens[pos + 1]?.t === '(') {
      pos += 2;
      const path = expect('ident') as { t: 'ident'; v: string };
      expect(',');
      const value = expect('string') as { t: 'string'; v: string };
      expect(')');
      return { kind: 'startswith', field: fieldOf(path.v), value: value.v };
    }
    if (t.t === 'ident') {
      pos++;
      const field = fieldOf(t.v);
      const opToken = peek();
      if (opToken?.t !== 'ident' || !COMPARISONS.has(opToken.v.toLowerCase())) {
        throw new FilterSyntaxError(`Expected a comparison after '${t.v}'`);
      }
      pos++;
      return {
        kind: 'compare',
        op: opToken.v.toLowerCase() as ComparisonOp,
        field,
        value: literal(),
      };
    }
    throw new FilterSyntaxError('Expected a comparison');
  };

  const andExpr = (): FilterExpr => {
    let left = primary();
    while (isKeyword('and')) {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };

  function orExpr(): FilterExpr {
    let left = andExpr();
    while (isKeyword('or')) {
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  }

  const result = orExpr();
  if (pos !== tokens.length) throw new FilterSyntaxError('Unexpected text after the filter');
  return result;
}

/** Every column a filter refers to, so the caller can check that each is indexed. */
export function fieldsOf(expr: FilterExpr): string[] {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return [...fieldsOf(expr.left), ...fieldsOf(expr.right)];
    case 'not':
      return fieldsOf(expr.expr);
    case 'compare':
    case 'startswith':
      return [expr.field];
  }
}

export type OrderBy = { readonly field: string; readonly descending: boolean };

export function parseOrderBy(input: string): OrderBy[] {
  return input
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const m = /^fields\/([A-Za-z_][A-Za-z0-9_]*)(\s+(asc|desc))?$/i.exec(part);
      if (!m)
        throw new FilterSyntaxError(`Only fields/<column> [asc|desc] can order, not '${part}'`);
      return { field: m[1] as string, descending: (m[3] ?? '').toLowerCase() === 'desc' };
    });
}
