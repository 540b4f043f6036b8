/**
 * The subset of CloudWatch metric math that ops-stack's alarms use: numbers, metric ids, + - * /,
 * comparisons (== != < <= > >=), AND, OR, NOT and IF(condition, then, else). Evaluated one
 * datapoint at a time; a missing input makes the result missing (no datapoint), as CloudWatch
 * aligns series by timestamp.
 */
type Node =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'id'; readonly name: string }
  | { readonly kind: 'unary'; readonly op: '-' | 'NOT'; readonly arg: Node }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly kind: 'if'; readonly cond: Node; readonly then: Node; readonly else: Node };

export function parseExpression(text: string): Node {
  const tokens = text.match(/\s*(\d+(?:\.\d+)?(?:e-?\d+)?|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|[-+*/(),<>])/g);
  if (!tokens || tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new Error(`cannot read expression "${text}"`);
  }
  const list = tokens.map((t) => t.trim());
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
    if (token.toUpperCase() === 'IF') {
      take('(');
      const cond = or();
      take(',');
      const then = or();
      take(',');
      const otherwise = or();
      take(')');
      return { kind: 'if', cond, then, else: otherwise };
    }
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[A-Za-z_]/.test(token)) return { kind: 'id', name: token };
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

export function evaluateExpression(
  node: Node,
  inputs: Readonly<Record<string, number | undefined>>,
): number | undefined {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'id': {
      if (!(node.name in inputs)) throw new Error(`expression uses unknown id "${node.name}"`);
      return inputs[node.name];
    }
    case 'unary': {
      const v = evaluateExpression(node.arg, inputs);
      if (v === undefined) return undefined;
      return node.op === '-' ? -v : v === 0 ? 1 : 0;
    }
    case 'if': {
      const c = evaluateExpression(node.cond, inputs);
      if (c === undefined) return undefined;
      return evaluateExpression(c !== 0 ? node.then : node.else, inputs);
    }
    case 'binary': {
      const a = evaluateExpression(node.left, inputs);
      const b = evaluateExpression(node.right, inputs);
      if (a === undefined || b === undefined) return undefined;
      switch (node.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          // CloudWatch drops the datapoint of a division by zero.
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
      throw new Error(`operator ${node.op} is not supported`);
    }
  }
}
