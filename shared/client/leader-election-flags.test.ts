import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlags } from '../util/flags.js';
import { leaderElectionFlags, leaderElectionFrom } from './leader-election-flags.js';

const specs = leaderElectionFlags('bosun-test', 'act');
const from = (...argv: string[]) => leaderElectionFrom(parseFlags(specs, argv, {}));

test('gives client-go\'s defaults and takes sub-second renew and retry periods', () => {
  assert.deepEqual(from(), { leaderElect: true, leaseName: 'bosun-test', times: { leaseDurationSeconds: 15, renewDeadlineSeconds: 10, retryPeriodSeconds: 2 } });
  assert.deepEqual(from('--leader-elect-lease-duration=2s', '--leader-elect-renew-deadline=1500ms', '--leader-elect-retry-period=250ms', '--leader-elect=false').times,
    { leaseDurationSeconds: 2, renewDeadlineSeconds: 1.5, retryPeriodSeconds: 0.25 });
});

test('refuses durations that do not fit together, or a lease of part seconds', () => {
  assert.throws(() => from('--leader-elect-lease-duration=5s', '--leader-elect-renew-deadline=5s'), /--leader-elect-lease-duration must be longer than --leader-elect-renew-deadline/);
  assert.throws(() => from('--leader-elect-renew-deadline=2s', '--leader-elect-retry-period=2s'), /--leader-elect-renew-deadline must be longer than 1.2 × --leader-elect-retry-period/);
  assert.throws(() => from('--leader-elect-lease-duration=2500ms'), /must be whole seconds/);
});
