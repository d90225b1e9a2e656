// hostPath type checks as Kubernetes does them (pkg/volume/hostpath): the OrCreate types make
// what is missing (a folder 0755, an empty file 0644), the others require what they name.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HostPathType } from '../../../shared/api/core/v1/volume.js';

export async function checkHostPath(path: string, type: HostPathType): Promise<void> {
  if (!path.startsWith('/')) throw new Error(`hostPath ${JSON.stringify(path)} must be absolute`);
  const st = await stat(path).catch(() => undefined);
  switch (type) {
    case '': return;
    case 'DirectoryOrCreate':
      if (st === undefined) { await mkdir(path, { recursive: true, mode: 0o755 }); return; }
      if (!st.isDirectory()) throw new Error(`hostPath type check failed: ${path} is not a directory`);
      return;
    case 'FileOrCreate':
      if (st === undefined) { await mkdir(dirname(path), { recursive: true, mode: 0o755 }); await writeFile(path, '', { mode: 0o644, flag: 'a' }); return; }
      if (!st.isFile()) throw new Error(`hostPath type check failed: ${path} is not a file`);
      return;
    case 'Directory': if (st?.isDirectory() !== true) throw new Error(`hostPath type check failed: ${path} is not a directory`); return;
    case 'File': if (st?.isFile() !== true) throw new Error(`hostPath type check failed: ${path} is not a file`); return;
    case 'Socket': if (st?.isSocket() !== true) throw new Error(`hostPath type check failed: ${path} is not a socket file`); return;
    case 'CharDevice': if (st?.isCharacterDevice() !== true) throw new Error(`hostPath type check failed: ${path} is not a character device`); return;
    case 'BlockDevice': if (st?.isBlockDevice() !== true) throw new Error(`hostPath type check failed: ${path} is not a block device`); return;
    default: {
      const never: never = type;
      throw new Error(`unknown hostPath type ${JSON.stringify(never)}`);
    }
  }
}
