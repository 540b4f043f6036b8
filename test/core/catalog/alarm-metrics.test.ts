/**
 * How many alarm metrics CloudWatch bills for an alarm resource. The rules are CloudWatch
 * pricing's: each metric an alarm reads is one alarm metric (metric math: each MetricStat, the
 * expressions are free), a period under 60 s is high resolution, anomaly detection bills 3 per
 * metric, and a composite alarm is billed per alarm.
 */
import { describe, expect, it } from 'vitest';
import {
  addCounts,
  countAlarmMetrics,
  isAlarmResource,
  NO_ALARM_METRICS,
} from '../../../lib/core/catalog/alarm-metrics';

const ALARM = 'AWS::CloudWatch::Alarm';
const stat = (Id: string, Period?: number) => ({
  Id,
  ReturnData: false,
  MetricStat: { Metric: { Namespace: 'N', MetricName: Id }, Stat: 'Sum', ...(Period ? { Period } : {}) },
});
const expression = (Expression: string, Period?: number) => ({
  Id: 'e',
  ReturnData: true,
  Expression,
  ...(Period ? { Period } : {}),
});

describe('alarm metrics CloudWatch bills per alarm resource', () => {
  it('only metric and composite alarms are alarm resources', () => {
    expect(isAlarmResource(ALARM)).toBe(true);
    expect(isAlarmResource('AWS::CloudWatch::CompositeAlarm')).toBe(true);
    for (const type of [
      'AWS::CloudWatch::Dashboard',
      'AWS::CloudWatch::AlarmMuteRule',
      'AWS::SNS::Topic',
      '',
    ]) {
      expect(isAlarmResource(type), type).toBe(false);
    }
  });

  it('a single-metric alarm is one standard metric; under 60 s it is one high-resolution metric', () => {
    expect(countAlarmMetrics(ALARM, { Period: 60 })).toEqual({ ...NO_ALARM_METRICS, standard: 1 });
    expect(countAlarmMetrics(ALARM, { Period: 300 })).toEqual({ ...NO_ALARM_METRICS, standard: 1 });
    expect(countAlarmMetrics(ALARM, { Period: 59 })).toEqual({ ...NO_ALARM_METRICS, highResolution: 1 });
    expect(countAlarmMetrics(ALARM, { Period: 10 })).toEqual({ ...NO_ALARM_METRICS, highResolution: 1 });
    // A Period that is not a number (a token CloudFormation resolves) is read as the 60 s default.
    expect(countAlarmMetrics(ALARM, { Period: { Ref: 'P' } })).toEqual({ ...NO_ALARM_METRICS, standard: 1 });
    expect(countAlarmMetrics(ALARM, {})).toEqual({ ...NO_ALARM_METRICS, standard: 1 });
  });

  it('metric math bills each MetricStat, not its expressions, each by its own period', () => {
    const math = { Metrics: [stat('a', 60), stat('b', 300), stat('c', 10), expression('a + b + c')] };
    expect(countAlarmMetrics(ALARM, math)).toEqual({ ...NO_ALARM_METRICS, standard: 2, highResolution: 1 });
    expect(countAlarmMetrics(ALARM, { Metrics: [stat('a'), expression('a * 2')] })).toEqual({
      ...NO_ALARM_METRICS,
      standard: 1,
    });
    expect(countAlarmMetrics(ALARM, { Metrics: [stat('a', 59)] })).toEqual({
      ...NO_ALARM_METRICS,
      highResolution: 1,
    });
  });

  it('anomaly detection bills three per metric, whatever the case of the function name', () => {
    for (const band of ['ANOMALY_DETECTION_BAND(m, 2)', 'anomaly_detection_band(m)']) {
      expect(countAlarmMetrics(ALARM, { Metrics: [stat('m', 300), expression(band)] }), band).toEqual({
        standard: 3,
        highResolution: 0,
        anomalyDetectionAlarms: 1,
        composite: 0,
      });
    }
    expect(
      countAlarmMetrics(ALARM, { Metrics: [stat('m', 30), expression('ANOMALY_DETECTION_BAND(m)')] }),
    ).toEqual({
      standard: 0,
      highResolution: 3,
      anomalyDetectionAlarms: 1,
      composite: 0,
    });
  });

  it('a Metrics Insights query counts at least one metric, by the query period', () => {
    const query = 'SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId)';
    expect(countAlarmMetrics(ALARM, { Metrics: [expression(query, 300)] })).toEqual({
      ...NO_ALARM_METRICS,
      standard: 1,
    });
    expect(countAlarmMetrics(ALARM, { Metrics: [expression(`  select max(x) FROM y`, 30)] })).toEqual({
      ...NO_ALARM_METRICS,
      highResolution: 1,
    });
    expect(countAlarmMetrics(ALARM, { Metrics: [expression(query)] })).toEqual({
      ...NO_ALARM_METRICS,
      standard: 1,
    });
    // An expression that merely mentions SELECT is arithmetic, and free.
    expect(countAlarmMetrics(ALARM, { Metrics: [stat('a'), expression('a + SELECTED')] })).toEqual({
      ...NO_ALARM_METRICS,
      standard: 1,
    });
    expect(countAlarmMetrics(ALARM, { Metrics: [{ Id: 'x', Expression: 42 }] })).toEqual(NO_ALARM_METRICS);
  });

  it('a composite alarm is billed as one composite, whatever it references; other resources cost nothing', () => {
    expect(
      countAlarmMetrics('AWS::CloudWatch::CompositeAlarm', { AlarmRule: 'ALARM("a") OR ALARM("b")' }),
    ).toEqual({
      ...NO_ALARM_METRICS,
      composite: 1,
    });
    expect(countAlarmMetrics('AWS::SNS::Topic', { Period: 60 })).toEqual(NO_ALARM_METRICS);
  });

  it('counts add field by field', () => {
    const a = { standard: 1, highResolution: 2, anomalyDetectionAlarms: 3, composite: 4 };
    const b = { standard: 10, highResolution: 20, anomalyDetectionAlarms: 30, composite: 40 };
    expect(addCounts(a, b)).toEqual({
      standard: 11,
      highResolution: 22,
      anomalyDetectionAlarms: 33,
      composite: 44,
    });
    expect(addCounts(NO_ALARM_METRICS, a)).toEqual(a);
  });
});
