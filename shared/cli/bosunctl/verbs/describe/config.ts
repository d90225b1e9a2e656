// kubectl's Namespace, ConfigMap and Secret describers.
import type { ApiObject } from '../../../../api/meta.js';
import { annotationLines, labelLines, rec, str } from './format.js';

export function describeNamespace(ns: ApiObject): string[] {
  return [`Name:\t${ns.metadata.name ?? ''}`, ...labelLines('Labels', ns.metadata.labels),
    ...annotationLines('Annotations', ns.metadata.annotations), `Status:\t${str(rec(ns['status'])['phase'])}`];
}

/** Events are printed after these, as for every kind; kubectl prints none for namespaces. */
export function describeConfigMap(cm: ApiObject): string[] {
  const data = rec(cm['data']);
  const binary = rec(cm['binaryData']);
  const lines = [`Name:\t${cm.metadata.name ?? ''}`, `Namespace:\t${cm.metadata.namespace ?? ''}`,
    ...labelLines('Labels', cm.metadata.labels), ...annotationLines('Annotations', cm.metadata.annotations), '', 'Data', '===='];
  for (const k of Object.keys(data).sort()) lines.push(`${k}:`, '----', str(data[k]), '');
  lines.push('', 'BinaryData', '====');
  for (const k of Object.keys(binary).sort()) lines.push(`${k}: ${Buffer.from(str(binary[k]), 'base64').length} bytes`);
  lines.push('');
  return lines;
}

export function describeSecret(s: ApiObject): string[] {
  const data = rec(s['data']);
  const lines = [`Name:\t${s.metadata.name ?? ''}`, `Namespace:\t${s.metadata.namespace ?? ''}`,
    ...labelLines('Labels', s.metadata.labels), ...annotationLines('Annotations', s.metadata.annotations),
    '', `Type:\t${str(s['type'], 'Opaque')}`, '', 'Data', '===='];
  for (const k of Object.keys(data).sort()) lines.push(`${k}:\t${Buffer.from(str(data[k]), 'base64').length} bytes`);
  return lines;
}
