import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { appMetric, cacheMetric, MINUTE, rdsMetric } from '../../core/catalog/metrics';
import { dashboardName } from '../../core/catalog/naming';
import type { ResolvedCatalog } from '../../core/catalog/resolve';
import type { DashboardName, MetricAlarmSpec, SignalContext } from '../../core/catalog/types';
import { toMetric } from './cdk-metrics';
import { signalWidget, WIDGET_HEIGHT, WIDGET_WIDTH } from './signal-widgets';
import { sloWidgets } from './slo-widgets';

export interface OpsDashboardsProps {
  readonly catalog: ResolvedCatalog;
  readonly alarms: ReadonlyMap<string, cloudwatch.IAlarm>;
  /**
   * How many dashboards this environment may use: 2 or more gives SLO and Infrastructure, 1 one
   * combined dashboard, 0 none.
   */
  readonly dashboardShare: number;
  /** Widgets of other concerns (paging, cost) for the infrastructure section. @default - none */
  readonly infrastructureExtras?: readonly cloudwatch.IWidget[];
}

const PER_ROW = 24 / WIDGET_WIDTH;

/**
 * The SLO and Infrastructure dashboards. Every catalog signal appears with its threshold, whether or
 * not this profile alarms on it, so a signal the free tier cannot alarm on is still watched.
 */
export class OpsDashboards extends Construct {
  readonly dashboards: readonly cloudwatch.Dashboard[];

  constructor(scope: Construct, id: string, props: OpsDashboardsProps) {
    super(scope, id);
    const { catalog } = props;
    const { context } = catalog;
    const shown: { spec: MetricAlarmSpec; alarmed: boolean }[] = [
      ...catalog.alarms
        .filter((a): a is MetricAlarmSpec => a.kind === 'metric-alarm')
        .map((spec) => ({ spec, alarmed: spec.actionsEnabled })),
      ...catalog.dashboardOnly.map((d) => ({ spec: d.spec, alarmed: false })),
    ];
    const widgetsFor = (dashboard: DashboardName) =>
      shown.filter((s) => s.spec.dashboard === dashboard).map((s) => signalWidget(s.spec, s.alarmed));

    const sections: Record<DashboardName, cloudwatch.IWidget[]> = {
      slo: [
        this.summary(catalog),
        new cloudwatch.AlarmStatusWidget({
          title: 'Alarm status',
          width: WIDGET_WIDTH * 2,
          height: WIDGET_HEIGHT,
          alarms: [...props.alarms.values()],
          sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
        }),
        ...sloWidgets(context),
        ...widgetsFor('slo'),
      ],
      infrastructure: [
        ...widgetsFor('infrastructure'),
        ...resourceWidgets(context),
        ...(props.infrastructureExtras ?? []),
      ],
    };

    const dashboards: cloudwatch.Dashboard[] = [];
    if (props.dashboardShare >= 2) {
      dashboards.push(this.dashboard('Slo', dashboardName(catalog.environment, 'slo'), sections.slo));
      dashboards.push(
        this.dashboard(
          'Infrastructure',
          dashboardName(catalog.environment, 'infrastructure'),
          sections.infrastructure,
        ),
      );
    } else if (props.dashboardShare === 1) {
      dashboards.push(
        this.dashboard('Combined', dashboardName(catalog.environment, 'slo'), [
          ...sections.slo,
          new cloudwatch.TextWidget({ markdown: '## Infrastructure', width: 24, height: 1 }),
          ...sections.infrastructure,
        ]),
      );
    }
    this.dashboards = dashboards;
  }

  /** The name on-call opens first (the SLO dashboard, or the combined one). */
  get primaryDashboardName(): string | undefined {
    return this.dashboards[0]?.dashboardName;
  }

  private dashboard(id: string, name: string, widgets: readonly cloudwatch.IWidget[]): cloudwatch.Dashboard {
    const dashboard = new cloudwatch.Dashboard(this, id, {
      dashboardName: name,
      defaultInterval: Duration.hours(3),
    });
    for (let i = 0; i < widgets.length; i += PER_ROW) dashboard.addWidgets(...widgets.slice(i, i + PER_ROW));
    return dashboard;
  }

  private summary(catalog: ResolvedCatalog): cloudwatch.TextWidget {
    const dashboardOnly = catalog.dashboardOnly.map((d) => `\`${d.spec.id}\``).join(', ') || 'none';
    const notApplicable = catalog.notApplicable.map((d) => `\`${d.id}\` (${d.reason})`).join('; ') || 'none';
    return new cloudwatch.TextWidget({
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      markdown: [
        `### ops-stack ${catalog.environment} (${catalog.profile} profile)`,
        `Alarms use ${catalog.alarmMetrics} alarm metrics. The fast error-rate alarm pages within minutes of a spike; the burn-rate alarms page on slower, sustained budget loss.`,
        `**Dashboard only:** ${dashboardOnly}`,
        `**Not applicable:** ${notApplicable}`,
        'Alarm reference: docs/alarms.md',
      ].join('\n\n'),
    });
  }
}

function resourceWidgets(ctx: SignalContext): cloudwatch.IWidget[] {
  const max = ctx.config.database.maxConnections;
  const queue = ctx.publishedMetrics.has('QueueWaitingCount')
    ? [
        new cloudwatch.GraphWidget({
          title: 'People waiting in the queue',
          width: WIDGET_WIDTH,
          height: WIDGET_HEIGHT,
          left: [toMetric(appMetric(ctx, 'QueueWaitingCount', 'Maximum', MINUTE), 'waiting')],
        }),
      ]
    : [];
  return [
    ...queue,
    new cloudwatch.GraphWidget({
      title: `DB connections vs max_connections (${max})`,
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      left: [toMetric(rdsMetric(ctx, 'DatabaseConnections', 'Maximum', MINUTE), 'connections')],
      leftAnnotations: [{ value: max, label: 'max_connections', color: '#d62728' }],
    }),
    new cloudwatch.GraphWidget({
      title: 'RDS freeable memory',
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      left: [toMetric(rdsMetric(ctx, 'FreeableMemory', 'Minimum', MINUTE), 'freeable bytes')],
    }),
    new cloudwatch.GraphWidget({
      title: 'Redis evictions',
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      left: [toMetric(cacheMetric(ctx, 'Evictions', 'Sum', MINUTE), 'evictions')],
    }),
  ];
}
