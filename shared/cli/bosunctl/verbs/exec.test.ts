import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf } from './exec.js';

test('reads the exit status of channel 3 as kubectl does', () => {
  assert.deepEqual(outcomeOf({ metadata: {}, status: 'Success' }), { t: 'success' });
  assert.deepEqual(outcomeOf({ status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code',
    details: { causes: [{ reason: 'ExitCode', message: '3' }] } }), { t: 'exit', code: 3 });
  assert.deepEqual(outcomeOf({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [] } }),
    { t: 'failure', message: 'error stream protocol error: invalid exit code value ""' });
  assert.deepEqual(outcomeOf({ status: 'Failure', reason: 'InternalError', message: 'boom' }), { t: 'failure', message: 'boom' });
  assert.deepEqual(outcomeOf({ status: 'Weird' }), { t: 'failure', message: 'unknown error' });
});
