// `bosun scheduler` as a function, so `bosun master` can run it in-process: the scheduler over
// its own informers, run while this process holds the leader Lease (or always, without
// leader election). Everything it started has stopped when the promise resolves.
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { InformerFactory } from '../../shared/client/informer-factory.js';
import { LeaderElector } from '../../shared/client/leader-election.js';
import { RestClient } from '../../shared/client/rest-client.js';
import { systemTimerClock, type TimerClock } from '../../shared/client/timers.js';
import type { SchedulerConfiguration } from './config.js';
import { Scheduler } from './scheduler.js';

export interface LeaderElectionTiming {
  readonly leaseDurationSeconds: number;
  readonly renewDeadlineSeconds: number;
  readonly retryPeriodSeconds: number;
}

export interface SchedulerOptions {
  readonly server: string;
  readonly config: SchedulerConfiguration;
  readonly leaderElect: boolean;
  readonly leaseName: string;
  readonly leaseNamespace: string;
  readonly leaderElection: LeaderElectionTiming;
  readonly identity: string;
  readonly bindConcurrency: number;
  readonly scheduledEvents: boolean;
  readonly log: Logger;
  readonly clock?: TimerClock;
  /** Told of each Scheduler made (one per term of leadership): for tests and the benchmark. */
  readonly onScheduler?: (s: Scheduler) => void;
}

export async function runScheduler(o: SchedulerOptions, signal: AbortSignal): Promise<void> {
  const clock = o.clock ?? systemTimerClock;
  const client = new RestClient({ server: o.server, userAgent: 'bosun-scheduler' });
  const log = o.log.child({ component: 'scheduler' });
  const lead = async (leading: AbortSignal): Promise<void> => {
    setMaxListeners(0, leading);
    const informers = new InformerFactory({ client, clock, log });
    const scheduler = new Scheduler({
      client, informers, config: o.config, clock, log: o.log,
      bindConcurrency: o.bindConcurrency, scheduledEvents: o.scheduledEvents,
    });
    o.onScheduler?.(scheduler);
    const run = scheduler.run(leading);
    informers.start(leading);
    await run.catch((err: unknown) => log.error({ err }, 'Scheduler stopped with an error'));
    await informers.stopped();
  };
  try {
    if (!o.leaderElect) { await lead(signal); return; }
    const elector = new LeaderElector({
      client: client.resource({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true }),
      namespace: o.leaseNamespace, name: o.leaseName, identity: o.identity, clock, log, ...o.leaderElection,
    });
    await elector.run(signal, {
      onStartedLeading: async (leading) => { log.info({ identity: o.identity }, 'Became leader'); await lead(leading); },
      onStoppedLeading: () => log.info({ identity: o.identity }, 'Stopped leading'),
    });
  } finally {
    client.close();
  }
}
