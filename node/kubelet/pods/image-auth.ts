// Registry credentials for a pull from the pod's imagePullSecrets (type
// kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg), matched by registry host.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Secret } from '../../../shared/api/core/v1/secret.js';
import type { RegistryAuth } from '../runtime/runtime.js';

/** The registry host of an image reference ("docker.io" when it names none). */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

interface DockerAuth { username?: string; password?: string; auth?: string }

function authsOf(s: Secret): Record<string, DockerAuth> {
  const raw = s.type === 'kubernetes.io/dockercfg' ? s.data?.['.dockercfg'] : s.data?.['.dockerconfigjson'];
  if (raw === undefined) return {};
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { auths?: Record<string, DockerAuth> } & Record<string, DockerAuth>;
    return s.type === 'kubernetes.io/dockercfg' ? parsed : parsed.auths ?? {};
  } catch {
    return {};
  }
}

const hostOf = (key: string): string => key.replace(/^https?:\/\//, '').split('/')[0] ?? '';

export function imagePullAuth(pod: Pod, image: string, secret: (name: string) => Secret | undefined): RegistryAuth | undefined {
  const registry = registryOf(image);
  for (const ref of pod.spec?.imagePullSecrets ?? []) {
    const s = secret(ref.name ?? '');
    if (s === undefined) continue;
    for (const [key, a] of Object.entries(authsOf(s))) {
      const host = hostOf(key);
      if (host !== registry && !(registry === 'docker.io' && /(^|\.)docker\.io$/.test(host))) continue;
      let { username, password } = a;
      if ((username === undefined || password === undefined) && a.auth !== undefined) {
        const [u, ...p] = Buffer.from(a.auth, 'base64').toString('utf8').split(':');
        username = u; password = p.join(':');
      }
      return { serveraddress: registry, ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
    }
  }
  return undefined;
}
