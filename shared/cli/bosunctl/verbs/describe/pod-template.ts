// Containers, volumes and pod templates as kubectl's describers print them.
import { arr, labelLines, annotationLines, rec, str, num, rfc1123z, tolerationLines, type Json } from './format.js';

const portText = (p: Json, field: 'containerPort' | 'hostPort'): string =>
  `${num(p[field])}/${str(p['protocol'], 'TCP')}`;

function envValue(e: Json): string {
  if ('value' in e) return str(e['value']);
  const from = rec(e['valueFrom']);
  const cm = rec(from['configMapKeyRef']);
  if (str(cm['key']) !== '') return `<set to the key '${str(cm['key'])}' of config map '${str(cm['name'])}'>\tOptional: ${cm['optional'] === true}`;
  const sec = rec(from['secretKeyRef']);
  if (str(sec['key']) !== '') return `<set to the key '${str(sec['key'])}' in secret '${str(sec['name'])}'>\tOptional: ${sec['optional'] === true}`;
  const field = rec(from['fieldRef']);
  if (str(field['fieldPath']) !== '') return ` (${str(field['apiVersion'], 'v1')}:${str(field['fieldPath'])})`;
  const res = rec(from['resourceFieldRef']);
  if (str(res['resource']) !== '') return `${str(res['resource'])} (${str(res['containerName'])})`;
  return '';
}

function stateLines(title: string, s: Json): string[] {
  if (isSet(s['running'])) return [`    ${title}:\tRunning`, `      Started:\t${rfc1123z(rec(s['running'])['startedAt'])}`];
  if (isSet(s['waiting'])) {
    const w = rec(s['waiting']);
    return [`    ${title}:\tWaiting`, ...(str(w['reason']) !== '' ? [`      Reason:\t${str(w['reason'])}`] : []),
      ...(str(w['message']) !== '' ? [`      Message:\t${str(w['message'])}`] : [])];
  }
  if (isSet(s['terminated'])) {
    const t = rec(s['terminated']);
    return [`    ${title}:\tTerminated`, ...(str(t['reason']) !== '' ? [`      Reason:\t${str(t['reason'])}`] : []),
      ...(str(t['message']) !== '' ? [`      Message:\t${str(t['message'])}`] : []),
      `      Exit Code:\t${num(t['exitCode'])}`, ...(typeof t['signal'] === 'number' && t['signal'] > 0 ? [`      Signal:\t${t['signal']}`] : []),
      `      Started:\t${rfc1123z(t['startedAt'])}`, `      Finished:\t${rfc1123z(t['finishedAt'])}`];
  }
  return [`    ${title}:\tWaiting`];
}

const isSet = (v: unknown): boolean => typeof v === 'object' && v !== null;

function probeText(p: Json): string {
  let action = 'unknown';
  if (isSet(p['httpGet'])) {
    const h = rec(p['httpGet']);
    action = `http-get ${str(h['scheme'], 'HTTP').toLowerCase()}://${str(h['host'])}:${str(h['port'])}${str(h['path'])}`;
  } else if (isSet(p['tcpSocket'])) action = `tcp-socket ${str(rec(p['tcpSocket'])['host'])}:${str(rec(p['tcpSocket'])['port'])}`;
  else if (isSet(p['exec'])) action = `exec [${(Array.isArray(rec(p['exec'])['command']) ? rec(p['exec'])['command'] as unknown[] : []).map((x) => str(x)).join(' ')}]`;
  const n = (k: string, d: number): number => (typeof p[k] === 'number' ? p[k] as number : d);
  return `${action} delay=${n('initialDelaySeconds', 0)}s timeout=${n('timeoutSeconds', 1)}s period=${n('periodSeconds', 10)}s #success=${n('successThreshold', 1)} #failure=${n('failureThreshold', 3)}`;
}

/** kubectl's describeContainers: `nameIndent` is "  " in a pod, "   " in a template. */
export function containerLines(label: string, containers: readonly Json[], statuses: readonly Json[] | undefined, space: string, nameIndent: string): string[] {
  const lines = [`${space}${label}:`];
  for (const c of containers) {
    const st = statuses?.find((s) => s['name'] === c['name']);
    lines.push(`${nameIndent}${str(c['name'])}:`);
    if (st !== undefined) lines.push(`    Container ID:\t${str(st['containerID'])}`);
    lines.push(`    Image:\t${str(c['image'])}`);
    if (st !== undefined) lines.push(`    Image ID:\t${str(st['imageID'])}`);
    const ports = arr(c['ports']);
    lines.push(ports.length === 0 ? '    Port:\t<none>' : `    ${ports.length > 1 ? 'Ports' : 'Port'}:\t${ports.map((p) => portText(p, 'containerPort')).join(', ')}`);
    lines.push(ports.length === 0 ? '    Host Port:\t<none>' : `    ${ports.length > 1 ? 'Host Ports' : 'Host Port'}:\t${ports.map((p) => portText(p, 'hostPort')).join(', ')}`);
    for (const [k, title] of [['command', 'Command'], ['args', 'Args']] as const) {
      const v = Array.isArray(c[k]) ? (c[k] as unknown[]).map((x) => str(x)) : [];
      if (v.length > 0) lines.push(`    ${title}:`, ...v.map((x) => `      ${x}`));
    }
    if (st !== undefined) {
      lines.push(...stateLines('State', rec(st['state'])));
      if (Object.keys(rec(st['lastState'])).length > 0) lines.push(...stateLines('Last State', rec(st['lastState'])));
      lines.push(`    Ready:\t${st['ready'] === true ? 'True' : 'False'}`, `    Restart Count:\t${num(st['restartCount'])}`);
    }
    const res = rec(c['resources']);
    for (const [k, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
      const m = rec(res[k]);
      if (Object.keys(m).length > 0) lines.push(`    ${title}:`, ...Object.keys(m).sort().map((r) => `      ${r}:\t${str(m[r])}`));
    }
    if (isSet(c['livenessProbe'])) lines.push(`    Liveness:\t${probeText(rec(c['livenessProbe']))}`);
    if (isSet(c['readinessProbe'])) lines.push(`    Readiness:\t${probeText(rec(c['readinessProbe']))}`);
    if (isSet(c['startupProbe'])) lines.push(`    Startup:\t${probeText(rec(c['startupProbe']))}`);
    const envFrom = arr(c['envFrom']);
    if (envFrom.length > 0) {
      lines.push('    Environment Variables from:');
      for (const e of envFrom) {
        const cm = rec(e['configMapRef']);
        const sec = rec(e['secretRef']);
        const [name, kind, opt] = str(cm['name']) !== '' ? [str(cm['name']), 'ConfigMap', cm['optional'] === true] : [str(sec['name']), 'Secret', sec['optional'] === true];
        lines.push(`      ${name}\t${kind}${str(e['prefix']) !== '' ? ` with prefix '${str(e['prefix'])}'` : ''}\tOptional: ${opt}`);
      }
    }
    const env = arr(c['env']);
    if (env.length === 0) lines.push('    Environment:\t<none>');
    else lines.push('    Environment:', ...env.map((e) => `      ${str(e['name'])}:\t${envValue(e)}`));
    const mounts = arr(c['volumeMounts']);
    if (mounts.length === 0) lines.push('    Mounts:\t<none>');
    else {
      lines.push('    Mounts:', ...[...mounts].sort((a, b) => str(a['mountPath']).localeCompare(str(b['mountPath'])))
        .map((m) => `      ${str(m['mountPath'])} from ${str(m['name'])} (${m['readOnly'] === true ? 'ro' : 'rw'}${str(m['subPath']) !== '' ? `,path="${str(m['subPath'])}"` : ''})`));
    }
  }
  return lines;
}

export function volumeLines(volumes: readonly Json[], space: string): string[] {
  if (volumes.length === 0) return [`${space}Volumes:\t<none>`];
  const lines = [`${space}Volumes:`];
  for (const v of volumes) {
    lines.push(`${space}  ${str(v['name'])}:`);
    const ind = `${space}    `;
    if (isSet(v['emptyDir'])) {
      const e = rec(v['emptyDir']);
      lines.push(`${ind}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)`, `${ind}Medium:\t${str(e['medium'])}`, `${ind}SizeLimit:\t${str(e['sizeLimit'], '<unset>')}`);
    } else if (isSet(v['hostPath'])) {
      const h = rec(v['hostPath']);
      lines.push(`${ind}Type:\tHostPath (bare host directory volume)`, `${ind}Path:\t${str(h['path'])}`, `${ind}HostPathType:\t${str(h['type'])}`);
    } else if (isSet(v['configMap'])) {
      const c = rec(v['configMap']);
      lines.push(`${ind}Type:\tConfigMap (a volume populated by a ConfigMap)`, `${ind}Name:\t${str(c['name'])}`, `${ind}Optional:\t${c['optional'] === true}`);
    } else if (isSet(v['secret'])) {
      const s = rec(v['secret']);
      lines.push(`${ind}Type:\tSecret (a volume populated by a Secret)`, `${ind}SecretName:\t${str(s['secretName'])}`, `${ind}Optional:\t${s['optional'] === true}`);
    } else if (isSet(v['persistentVolumeClaim'])) {
      const p = rec(v['persistentVolumeClaim']);
      lines.push(`${ind}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)`, `${ind}ClaimName:\t${str(p['claimName'])}`, `${ind}ReadOnly:\t${p['readOnly'] === true}`);
    } else if (isSet(v['projected'])) {
      lines.push(`${ind}Type:\tProjected (a volume that contains injected data from multiple sources)`);
      for (const s of arr(rec(v['projected'])['sources'])) {
        if (isSet(s['serviceAccountToken'])) lines.push(`${ind}TokenExpirationSeconds:\t${num(rec(s['serviceAccountToken'])['expirationSeconds']) || 3607}`);
        if (isSet(s['configMap'])) lines.push(`${ind}ConfigMapName:\t${str(rec(s['configMap'])['name'])}`, `${ind}Optional:\t${rec(s['configMap'])['optional'] === true}`);
        if (isSet(s['secret'])) lines.push(`${ind}SecretName:\t${str(rec(s['secret'])['name'])}`, `${ind}Optional:\t${rec(s['secret'])['optional'] === true}`);
        if (isSet(s['downwardAPI'])) lines.push(`${ind}DownwardAPI:\ttrue`);
      }
    } else if (isSet(v['downwardAPI'])) {
      lines.push(`${ind}Type:\tDownwardAPI (a volume populated by information about the pod)`, `${ind}Items:`);
      for (const it of arr(rec(v['downwardAPI'])['items'])) lines.push(`${ind}  ${str(rec(it['fieldRef'])['fieldPath'])} -> ${str(it['path'])}`);
    } else {
      lines.push(`${ind}<unknown>`);
    }
  }
  return lines;
}

/** kubectl's DescribePodTemplate. */
export function podTemplateLines(template: Json): string[] {
  const meta = rec(template['metadata']);
  const spec = rec(template['spec']);
  const lines = ['Pod Template:', ...labelLines('  Labels', meta['labels'])];
  if (Object.keys(rec(meta['annotations'])).length > 0) lines.push(...annotationLines('  Annotations', meta['annotations']));
  if (str(spec['serviceAccountName']) !== '') lines.push(`  Service Account:\t${str(spec['serviceAccountName'])}`);
  if (arr(spec['initContainers']).length > 0) lines.push(...containerLines('Init Containers', arr(spec['initContainers']), undefined, '  ', '   '));
  lines.push(...containerLines('Containers', arr(spec['containers']), undefined, '  ', '   '));
  lines.push(...volumeLines(arr(spec['volumes']), '  '));
  if (str(spec['priorityClassName']) !== '') lines.push(`  Priority Class Name:\t${str(spec['priorityClassName'])}`);
  lines.push(...labelLines('  Node-Selectors', spec['nodeSelector']), ...tolerationLines('  Tolerations', spec['tolerations']));
  return lines;
}
