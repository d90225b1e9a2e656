// Bosun's images in every lab dockerd: deploy/images/build-images.sh (the one way they are
// built) builds them on the first dockerd, or loads its cached tarball there, and keeps that
// tarball current; the other dockerds load the tarball.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { dockerCli } from './dockerd.js';
import { runOk } from './run.js';

export const images = ['bosun/pause:1', 'bosun/toolbox:1'] as const;
export const buildScript = join(repoRoot, 'deploy', 'images', 'build-images.sh');

export function imageCacheDir(): string {
  return process.env['BOSUN_IMAGE_CACHE'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'bosun-images');
}

export async function loadImages(sockets: readonly string[]): Promise<void> {
  const [first, ...rest] = sockets;
  if (first === undefined) return;
  const cache = imageCacheDir();
  const tarball = join(cache, 'images.tar');
  await runOk('bash', [buildScript, '--docker-host', `unix://${first}`, '--workdir', cache, '--save', tarball], { timeoutMs: 300_000 });
  await Promise.all(rest.map((s) => runOk(dockerCli, ['-H', `unix://${s}`, 'load', '-q', '-i', tarball], { timeoutMs: 120_000 })));
}
