// A pod's volumes on this node, under <root-dir>/pods/<uid>/volumes/<kind>/<name>: set up
// before its containers start (and again on every sync, so configMap and secret updates reach
// running pods), turned into Docker binds for each container's volumeMounts, and removed with
// the pod. A volume that cannot be set up is a VolumeError naming it; the pod's other volumes
// and the node's other pods are unaffected.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Container } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Volume } from '../../../shared/api/core/v1/volume.js';
import { parseQuantity } from '../../../shared/api/quantity.js';
import { writePayload } from './atomic-writer.js';
import { checkHostPath } from './host-path.js';
import { mountTmpfs, unmountAll } from './mounts.js';
import { volumePayload, type PayloadSources } from './payloads.js';

export class VolumeError extends Error {
  override readonly name = 'VolumeError';
  constructor(readonly volume: string, message: string, options?: ErrorOptions) {
    super(`MountVolume.SetUp failed for volume "${volume}" : ${message}`, options);
  }
}

const kindOf = (v: Volume): string =>
  v.emptyDir !== undefined ? 'empty-dir' : v.configMap !== undefined ? 'configmap' : v.secret !== undefined ? 'secret'
    : v.downwardAPI !== undefined ? 'downward-api' : v.projected !== undefined ? 'projected' : 'other';

export class PodVolumes {
  constructor(private readonly rootDir: string) {}

  podDir(uid: string): string {
    return join(this.rootDir, 'pods', uid);
  }

  /** Sets up (or refreshes) every volume; returns volume name -> host path. */
  async setUp(pod: Pod, src: PayloadSources): Promise<Map<string, string>> {
    const paths = new Map<string, string>();
    const base = join(this.podDir(pod.metadata.uid ?? ''), 'volumes');
    for (const v of pod.spec?.volumes ?? []) {
      try {
        paths.set(v.name, await this.setUpOne(pod, v, join(base, kindOf(v), v.name), src));
      } catch (err) {
        if (err instanceof VolumeError) throw err;
        throw new VolumeError(v.name, err instanceof Error ? err.message : String(err), { cause: err });
      }
    }
    return paths;
  }

  private async setUpOne(pod: Pod, v: Volume, dir: string, src: PayloadSources): Promise<string> {
    if (v.hostPath !== undefined) {
      await checkHostPath(v.hostPath.path, v.hostPath.type ?? '');
      return v.hostPath.path;
    }
    if (v.emptyDir !== undefined) {
      await mkdir(dir, { recursive: true, mode: 0o777 });
      if (v.emptyDir.medium === 'Memory') {
        const size = v.emptyDir.sizeLimit !== undefined ? Number(parseQuantity(v.emptyDir.sizeLimit).value()) : 0;
        await mountTmpfs(dir, size);
      }
      return dir;
    }
    const payload = volumePayload(pod, v, src);
    if (payload !== undefined) {
      await mkdir(dir, { recursive: true });
      if (v.secret !== undefined) await mountTmpfs(dir, 0, '0755');
      await writePayload(dir, payload);
      return dir;
    }
    if (v.persistentVolumeClaim !== undefined) throw new VolumeError(v.name, 'persistentVolumeClaim volumes are not supported by this kubelet yet');
    if (v.nfs !== undefined) throw new VolumeError(v.name, 'nfs volumes are not supported on this node (no NFS in the kernel)');
    throw new VolumeError(v.name, 'unsupported volume type');
  }

  /** Docker binds for `c`'s volumeMounts; a mount naming no volume is a VolumeError. */
  binds(pod: Pod, c: Container, paths: ReadonlyMap<string, string>): string[] {
    return (c.volumeMounts ?? []).map((m) => {
      const host = paths.get(m.name);
      if (host === undefined) throw new VolumeError(m.name, `container ${c.name} mounts a volume the pod does not have`);
      const sub = m.subPath !== undefined && m.subPath !== '' ? join(host, m.subPath) : host;
      if (m.subPath !== undefined && (m.subPath.startsWith('/') || m.subPath.split('/').includes('..'))) {
        throw new VolumeError(m.name, `subPath ${JSON.stringify(m.subPath)} must be a relative path without ".."`);
      }
      const ro = m.readOnly === true || isPayloadVolume(pod, m.name);
      return `${sub}:${m.mountPath}${ro ? ':ro' : ''}`;
    });
  }

  /** Creates missing subPath folders inside the pod's volumes (Kubernetes does for subPath mounts). */
  async prepareSubPaths(c: Container, paths: ReadonlyMap<string, string>): Promise<void> {
    for (const m of c.volumeMounts ?? []) {
      if (m.subPath === undefined || m.subPath === '') continue;
      const p = join(paths.get(m.name) ?? '', m.subPath);
      const st = await stat(p).catch(() => undefined);
      if (st === undefined) await mkdir(p, { recursive: true, mode: 0o777 });
    }
  }

  /**
   * Writes a pod-level file (hosts, resolv.conf) under the pod's folder; returns its path. An
   * unchanged file is not rewritten: it is bind-mounted into running containers, and a rewrite
   * (truncate, then write) lets a reader there see it empty — a DNS lookup would then fail.
   */
  async writePodFile(uid: string, name: string, content: string): Promise<string> {
    const p = join(this.podDir(uid), 'etc', name);
    if (await readFile(p, 'utf8').catch(() => undefined) === content) return p;
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, content, { mode: 0o644 });
    return p;
  }

  /** Unmounts and removes everything of the pod `uid`. */
  async tearDown(uid: string): Promise<void> {
    const dir = this.podDir(uid);
    await unmountAll(dir);
    await rm(dir, { recursive: true, force: true });
  }
}

const isPayloadVolume = (pod: Pod, name: string): boolean => {
  const v = pod.spec?.volumes?.find((x) => x.name === name);
  return v !== undefined && (v.configMap !== undefined || v.secret !== undefined || v.downwardAPI !== undefined || v.projected !== undefined);
};
