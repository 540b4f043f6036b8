/** The notifier's settings: written by the chat-notifier construct, read by the function at start. */
export const SETTINGS_VARIABLE = 'NOTIFIER_SETTINGS';

export interface ResourceIds {
  readonly dbInstanceIdentifier: string;
  readonly cacheClusterId: string;
  readonly replicationGroupId?: string;
}

export interface FlappingPolicy {
  /** More state changes than this inside the window is flapping. */
  readonly changes: number;
  readonly windowMinutes: number;
}

export interface PostPolicy {
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
}

export interface ChatTarget {
  readonly format: 'slack' | 'json';
  /** SSM SecureString parameter holding the webhook URL. */
  readonly parameter: string;
}

export interface NotifierSettings {
  readonly region: string;
  /** Paging topic ARN by severity. */
  readonly topicArns: Readonly<Record<string, string>>;
  readonly targets: Readonly<Record<string, readonly ChatTarget[]>>;
  readonly resources: ResourceIds;
  readonly dashboardName?: string;
  readonly flapping: FlappingPolicy;
  readonly post: PostPolicy;
}
