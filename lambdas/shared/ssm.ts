import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { hasErrorName } from './errors';

/** A JSON document kept in an SSM parameter; `undefined` when the parameter does not exist. */
export async function readJsonParameter<T>(ssm: SSMClient, name: string): Promise<T | undefined> {
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: name }));
    return out.Parameter?.Value === undefined ? undefined : (JSON.parse(out.Parameter.Value) as T);
  } catch (error) {
    if (hasErrorName(error, 'ParameterNotFound')) return undefined;
    throw error;
  }
}
