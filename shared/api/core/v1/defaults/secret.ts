// Kubernetes' defaults for Secrets (SetDefaults_Secret: type Opaque), with the stringData
// merge of the v1 conversion: stringData is written into data (base64) and not stored.
import { isRecord } from '../../../meta.js';
import type { Secret } from '../secret.js';
import { child, unsetString } from './walk.js';

export function defaultSecret(secret: Secret): void {
  if (unsetString(secret.type)) secret.type = 'Opaque';
  const plain = secret.stringData;
  if (!isRecord(plain)) return;
  const data = child<Record<string, unknown>>(secret, 'data', true);
  if (data === undefined) return;
  const strings = Object.entries(plain).filter((e): e is [string, string] => typeof e[1] === 'string');
  for (const [key, value] of strings) data[key] = Buffer.from(value, 'utf8').toString('base64');
  if (strings.length === Object.keys(plain).length) delete secret.stringData;
}
