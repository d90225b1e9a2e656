// The leader-election flags of every component that elects a leader (controller-manager,
// scheduler), with client-go's checks between the three durations.
import { FlagError, durationMsFlag, flagValue, type FlagSpec, type ParsedFlags } from '../util/flags.js';

export interface LeaderElectionTimes {
  /** Whole seconds: it is written into the Lease. */
  readonly leaseDurationSeconds: number;
  readonly renewDeadlineSeconds: number;
  readonly retryPeriodSeconds: number;
}

export interface LeaderElectionSettings {
  readonly leaderElect: boolean;
  readonly leaseName: string;
  readonly times: LeaderElectionTimes;
}

export function leaderElectionFlags(leaseName: string, what: string): FlagSpec[] {
  return [
    { name: 'leader-elect', default: 'true', help: `${what} only while holding the leader Lease`, boolean: true },
    { name: 'lease-name', default: leaseName, help: 'name of the leader-election Lease' },
    { name: 'leader-elect-lease-duration', default: '15s', help: 'how long others wait after the leader stops renewing before they take over (whole seconds)' },
    { name: 'leader-elect-renew-deadline', default: '10s', help: 'how long the leader keeps trying to renew before it steps down (less than the lease duration)' },
    { name: 'leader-elect-retry-period', default: '2s', help: 'how often candidates try to acquire or renew the Lease' },
  ];
}

export function leaderElectionFrom(flags: ParsedFlags): LeaderElectionSettings {
  const lease = durationMsFlag(flags, 'leader-elect-lease-duration', 1000);
  if (lease % 1000 !== 0) throw new FlagError('flag --leader-elect-lease-duration must be whole seconds: it is written into the Lease');
  const renew = durationMsFlag(flags, 'leader-elect-renew-deadline', 1);
  const retry = durationMsFlag(flags, 'leader-elect-retry-period', 1);
  if (lease <= renew) throw new FlagError('flag --leader-elect-lease-duration must be longer than --leader-elect-renew-deadline');
  if (renew <= retry * 1.2) throw new FlagError('flag --leader-elect-renew-deadline must be longer than 1.2 × --leader-elect-retry-period');
  return {
    leaderElect: flagValue(flags, 'leader-elect') === 'true',
    leaseName: flagValue(flags, 'lease-name'),
    times: { leaseDurationSeconds: lease / 1000, renewDeadlineSeconds: renew / 1000, retryPeriodSeconds: retry / 1000 },
  };
}
