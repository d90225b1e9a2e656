// /version: Kubernetes 1.32 (kubectl on this machine dispatches on the minor), Bosun's own
// version in gitVersion.
export const bosunVersion = '0.1.0';
export const kubernetesMinor = '32';
export const gitVersion = `v1.${kubernetesMinor}.0+bosun.${bosunVersion}`;

export function versionInfo() {
  return {
    major: '1', minor: kubernetesMinor, gitVersion, gitCommit: 'bosun', gitTreeState: 'clean',
    buildDate: '2026-11-25T00:00:00Z', goVersion: `node${process.versions.node}`, compiler: 'tsc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
