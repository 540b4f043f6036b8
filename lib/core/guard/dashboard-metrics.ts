/**
 * Counts the metrics on a dashboard from its synthesized body. CDK renders the body as a string or as
 * `Fn::Join` over strings and tokens; tokens only ever stand inside JSON strings (regions, ARNs).
 */
export function dashboardBodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (isRecord(body) && Array.isArray(body['Fn::Join'])) {
    const [separator, parts] = body['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(separator);
  }
  throw new Error(`cannot read dashboard body ${JSON.stringify(body).slice(0, 80)}`);
}

/**
 * Metrics a dashboard shows (the 50-per-dashboard free allowance): every metric line of every
 * widget, hidden inputs of expressions included; expressions themselves are free.
 */
export function countDashboardMetrics(bodyText: string): number {
  const body = JSON.parse(bodyText) as { widgets?: unknown[] };
  let count = 0;
  for (const widget of body.widgets ?? []) {
    if (!isRecord(widget) || !isRecord(widget.properties)) continue;
    const properties = widget.properties;
    if (Array.isArray(properties.metrics)) {
      for (const line of properties.metrics) {
        if (!Array.isArray(line)) continue;
        const isExpressionOnly = line.length === 1 && isRecord(line[0]) && 'expression' in line[0];
        if (!isExpressionOnly) count += 1;
      }
    }
    if (
      widget.type === 'metric' &&
      isRecord(properties.annotations) &&
      Array.isArray(properties.annotations.alarms)
    ) {
      count += properties.annotations.alarms.length;
    }
  }
  return count;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
