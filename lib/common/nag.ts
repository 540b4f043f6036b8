/** Helpers for cdk-nag acknowledgements that must name a finding exactly. */
import type { Stack } from 'aws-cdk-lib';

/**
 * A resource value as cdk-nag prints it in a finding id: literal strings stay, `Ref`s become
 * `<Name>` and `Fn::GetAtt`s `<Logical.Attr>`, joined the way the template joins them.
 */
export function nagResourceId(stack: Stack, value: string): string {
  return render(stack.resolve(value));
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return `<${v.Ref}>`;
    if (Array.isArray(v['Fn::GetAtt'])) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if (Array.isArray(v['Fn::Join'])) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
  }
  return JSON.stringify(value);
}
