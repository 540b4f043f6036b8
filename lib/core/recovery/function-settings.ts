/** The recovery function's settings: one JSON environment variable, written by the workflow construct. */
export const SETTINGS_VARIABLE = 'RECOVERY_SETTINGS';

export type SwitchSettings =
  | { readonly strategy: 'parameter'; readonly parameterName: string }
  | { readonly strategy: 'secret'; readonly secretId: string }
  | { readonly strategy: 'rename' }
  | { readonly strategy: 'cname'; readonly hostedZoneId: string; readonly recordName: string };

export interface RecoverySettings {
  readonly environment: string;
  readonly instance: string;
  /** SSM parameter with the captured source settings. */
  readonly capturedParameter: string;
  readonly topics: { readonly P0: string; readonly P1: string };
  readonly graceMinutes: number;
  readonly restoreTimeoutMinutes: number;
  readonly acceptBackingUp: boolean;
  readonly switch: SwitchSettings;
  readonly restart?: { readonly cluster: string; readonly service: string };
  readonly stateMachineArn?: string;
}
