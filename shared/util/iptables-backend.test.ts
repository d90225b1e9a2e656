import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseIptablesMode, detectIptablesMode } from './iptables-backend.js';

const docker = '*filter\n:FORWARD DROP [0:0]\n:DOCKER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -j DOCKER\nCOMMIT\n';
const rules = (n: number): string => '*filter\n' + '-A INPUT -j ACCEPT\n'.repeat(n) + 'COMMIT\n';
const nftVersion = 'iptables v1.8.9 (nf_tables)';
const legacyVersion = 'iptables v1.8.9 (legacy)';

test('the backend holding Docker\'s chains wins, even with fewer rules', () => {
  assert.equal(chooseIptablesMode({ legacy: docker, nft: rules(9), defaultVersion: nftVersion }), 'legacy');
  assert.equal(chooseIptablesMode({ legacy: rules(9), nft: docker, defaultVersion: legacyVersion }), 'nft');
});

test('without Docker: the one with more rules; a tie: the host\'s plain iptables, nft when unknown', () => {
  assert.equal(chooseIptablesMode({ legacy: rules(2), nft: rules(1), defaultVersion: nftVersion }), 'legacy');
  assert.equal(chooseIptablesMode({ legacy: rules(1), nft: rules(2), defaultVersion: legacyVersion }), 'nft');
  assert.equal(chooseIptablesMode({ legacy: '', nft: '', defaultVersion: legacyVersion }), 'legacy');
  assert.equal(chooseIptablesMode({ legacy: docker, nft: docker, defaultVersion: nftVersion }), 'nft');
  assert.equal(chooseIptablesMode({ legacy: '', nft: '', defaultVersion: '' }), 'nft');
});

test('detect: a save that fails counts as empty', async () => {
  const seen: string[] = [];
  const mode = await detectIptablesMode(async (cmd, args) => {
    seen.push([cmd, ...args].join(' '));
    if (cmd === 'iptables-nft-save') return { code: 1, stdout: docker, stderr: 'no nf_tables' };
    if (cmd === 'iptables') return { code: 0, stdout: nftVersion, stderr: '' };
    return { code: 0, stdout: rules(1), stderr: '' };
  });
  assert.equal(mode, 'legacy');
  assert.deepEqual(seen.sort(), ['iptables --version', 'iptables-legacy-save', 'iptables-nft-save']);
});
