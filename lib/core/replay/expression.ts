/**
 * The subset of CloudWatch metric math that ops-stack's alarms use: numbers, metric ids, + - * /,
 * comparisons (== != < <= > >=), AND, OR, NOT, IF(condition, then, else) and FILL(metric, value).
 * Evaluated one timestamp at a time, with the metric math page's rules for missing values
 * ("Using metric math", CloudWatch user guide):
 * - arithmetic and comparisons between two time series treat a value missing in one of them as 0
 *   ("Missing values in a time series are treated as 0"; "only one of the time series has a value
 *   for a particular time stamp, the function treats the missing value in the other time series
 *   as 0"); where neither has a value there is no datapoint;
 * - a time series combined with a scalar has no datapoint where the series has none;
 * - IF drops the datapoint when the condition is missing or the chosen else-branch is missing, and
 *   gives 0 when the chosen then-branch series is missing;
 * - FILL(m, value) gives value wherever m is missing;
 * - a division by zero drops the datapoint.
 */
type Node =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'id'; readonly name: string }
  | { readonly kind: 'unary'; readonly op: '-' | 'NOT'; readonly arg: Node }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly kind: 'if'; readonly cond: Node; readonly then: Node; readonly else: Node }
  | { readonly kind: 'fill'; readonly series: Node; readonly value: Node };

export type Expression = Node;

export function parseExpression(text: string): Node {
  const tokens = text.match(
    /\s*(\d+(?:\.\d+)?(?:e-?\d+)?|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/(),<>])/g,
  );
  if (!tokens || tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new Error(`cannot read expression "${text}"`);
  }
  const list = tokens.map((t) => {
    const token = t.trim();
    return token === '&&' ? 'AND' : token === '||' ? 'OR' : token;
  });
  let pos = 0;
  const peek = () => list[pos];
  const take = (expected?: string) => {
    const token = list[pos++];
    if (expected !== undefined && token?.toUpperCase() !== expected) {
      throw new Error(`expected "${expected}" at token ${pos} of "${text}", got "${token ?? 'end'}"`);
    }
    return token as string;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    while (peek() !== undefined && ops.includes((peek() as string).toUpperCase())) {
      const op = take().toUpperCase();
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (token === '-') return { kind: 'unary', op: '-', arg: primary() };
    if (token.toUpperCase() === 'NOT') return { kind: 'unary', op: 'NOT', arg: primary() };
    if (token === 'IF') {
      take('(');
      const cond = or();
      take(',');
      const then = or();
      take(',');
      const otherwise = or();
      take(')');
      return { kind: 'if', cond, then, else: otherwise };
    }
    if (token === 'FILL') {
      take('(');
      const series = or();
      take(',');
      const value = or();
      take(')');
      return { kind: 'fill', series, value };
    }
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[a-z][A-Za-z0-9_]*$/.test(token)) return { kind: 'id', name: token };
    throw new Error(`unexpected "${token}" in "${text}"`);
  };
  const product = binary(primary, ['*', '/']);
  const sum = binary(product, ['+', '-']);
  const comparison = binary(sum, ['==', '!=', '<', '<=', '>', '>=']);
  const and = binary(comparison, ['AND']);
  const or = binary(and, ['OR']);
  const tree = or();
  if (pos !== list.length) throw new Error(`unexpected "${list[pos]}" in "${text}"`);
  return tree;
}

/** A scalar, or one timestamp of a time series (`value` undefined: the series has no datapoint). */
type Result =
  | { readonly series: false; readonly value: number }
  | { readonly series: true; readonly value?: number };

const scalar = (value: number): Result => ({ series: false, value });
const point = (value: number | undefined): Result =>
  value === undefined ? { series: true } : { series: true, value };

/**
 * The expression's value at one timestamp, given each metric id's datapoint there (undefined when
 * the metric has none). @returns undefined when the expression has no datapoint at that timestamp
 */
export function evaluateExpression(
  node: Node,
  inputs: Readonly<Record<string, number | undefined>>,
): number | undefined {
  return evaluate(node, inputs).value;
}

function evaluate(node: Node, inputs: Readonly<Record<string, number | undefined>>): Result {
  switch (node.kind) {
    case 'number':
      return scalar(node.value);
    case 'id': {
      if (!(node.name in inputs)) throw new Error(`expression uses unknown id "${node.name}"`);
      return point(inputs[node.name]);
    }
    case 'unary': {
      const r = evaluate(node.arg, inputs);
      if (r.value === undefined) return r;
      const v = node.op === '-' ? -r.value : r.value === 0 ? 1 : 0;
      return r.series ? point(v) : scalar(v);
    }
    case 'fill': {
      const r = evaluate(node.series, inputs);
      const filler = evaluate(node.value, inputs);
      return point(r.value ?? filler.value);
    }
    case 'if': {
      const c = evaluate(node.cond, inputs);
      if (c.value === undefined) return point(undefined);
      if (c.value !== 0) {
        const then = evaluate(node.then, inputs);
        return then.series ? point(then.value ?? 0) : c.series ? point(then.value) : then;
      }
      const otherwise = evaluate(node.else, inputs);
      return c.series && !otherwise.series ? point(otherwise.value) : otherwise;
    }
    case 'binary': {
      const a = evaluate(node.left, inputs);
      const b = evaluate(node.right, inputs);
      const series = a.series || b.series;
      let x = a.value;
      let y = b.value;
      if (a.series && b.series && (x === undefined) !== (y === undefined)) {
        x ??= 0;
        y ??= 0;
      }
      if (x === undefined || y === undefined) return point(undefined);
      const v = apply(node.op, x, y);
      return series || v === undefined ? point(v) : scalar(v);
    }
  }
}

function apply(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case 'AND':
      return a !== 0 && b !== 0 ? 1 : 0;
    case 'OR':
      return a !== 0 || b !== 0 ? 1 : 0;
  }
  throw new Error(`operator ${op} is not supported`);
}
