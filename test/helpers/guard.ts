/** Hand-built guard inputs: an account inventory with nothing in it but what a test sets. */
import type { AccountInventory } from '../../lib/core/guard/inventory';

export function emptyInventory(overrides: Partial<AccountInventory> = {}): AccountInventory {
  return {
    alarms: [],
    customMetrics: [],
    dashboards: [],
    logGroupsWithoutRetention: [],
    schedules: [],
    lambdaRequests: 0,
    lambdaGbSeconds: 0,
    stepFunctionsTransitions: 0,
    workflowRuns: [],
    functionLogs: [],
    appLogs: [],
    snsPublishes: 0,
    snsDeliveries: {},
    sms: [],
    secrets: [],
    muteRules: [],
    costReportRuns: 0,
    costExplorerRequests: 0,
    costExplorerRequestsIfOn: 0,
    ...overrides,
  };
}

/** An alarm as the inventory counts it. */
export function alarmUsage(name: string, standard: number, highResolution = 0, composite = 0, stack = 'S') {
  return { stack, logicalId: name, name, standard, highResolution, anomalyDetectionAlarms: 0, composite };
}

/** A custom metric of the application, under the prod namespace. */
export function customMetric(name: string) {
  return { stack: 'S', namespace: 'Ticketing/prod', name, dimensions: {}, source: 'application' as const };
}
