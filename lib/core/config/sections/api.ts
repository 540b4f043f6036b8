/** `api`: the API Gateway in front of the service. */
import { z } from 'zod';

const restApi = z.strictObject({
  kind: z.literal('rest'),
  name: z.string().min(1).describe('REST API name (the ApiName dimension of AWS/ApiGateway).'),
  stage: z.string().min(1).describe('Deployment stage name.'),
});
const httpApi = z.strictObject({
  kind: z.literal('http'),
  id: z.string().regex(/^[a-z0-9]{10}$/, { error: 'expected a 10-character HTTP API id' }),
  stage: z.string().min(1).default('$default').describe('Stage name. @default - $default'),
});

export const apiSection = z
  .discriminatedUnion('kind', [restApi, httpApi], { error: 'expected api.kind to be rest or http' })
  .describe('The API Gateway in front of the service.');
