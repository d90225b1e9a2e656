// What this host is, for the Node object: cores, memory, OS, kernel, ids (systeminformation
// and the kernel's own files), and the Docker Engine's version.
import { readFile } from 'node:fs/promises';
import si from 'systeminformation';
import type { RuntimeVersion } from '../runtime/runtime.js';

export interface MachineInfo {
  readonly cores: number;
  readonly memoryBytes: number;
  readonly osImage: string;
  readonly kernelVersion: string;
  readonly machineID: string;
  readonly systemUUID: string;
  readonly bootID: string;
  readonly architecture: string;
  readonly runtime: RuntimeVersion;
}

const firstLine = async (path: string): Promise<string> => (await readFile(path, 'utf8').catch(() => '')).trim();

export async function machineInfo(runtime: RuntimeVersion): Promise<MachineInfo> {
  const [cpu, mem, os, uuid] = await Promise.all([si.cpu(), si.mem(), si.osInfo(), si.uuid()]);
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return {
    cores: cpu.cores,
    memoryBytes: mem.total,
    osImage: os.distro !== '' ? `${os.distro}${os.release !== '' ? ` ${os.release}` : ''}${os.codename !== '' ? ` (${os.codename})` : ''}` : 'Linux',
    kernelVersion: os.kernel,
    machineID: await firstLine('/etc/machine-id') || uuid.os,
    systemUUID: uuid.hardware || uuid.os,
    bootID: await firstLine('/proc/sys/kernel/random/boot_id'),
    architecture: arch,
    runtime,
  };
}
