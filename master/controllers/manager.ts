// The controller-manager: the enabled controllers over one set of shared informers, run
// while this process holds the leader Lease (or always, without leader election).
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { InformerFactory } from '../../shared/client/informer-factory.js';
import { LeaderElector } from '../../shared/client/leader-election.js';
import type { LeaderElectionTimes } from '../../shared/client/leader-election-flags.js';
import { RestClient } from '../../shared/client/rest-client.js';
import { systemTimerClock, type TimerClock } from '../../shared/client/timers.js';
import type { Controller, ControllerContext } from './controller.js';

export interface ControllerSettings {
  readonly clusterCIDR: string;
  readonly nodeCIDRMaskSize: number;
  readonly workers: number;
}

/** Makes one controller; the table of them is registry.ts. */
export type ControllerFactory = (ctx: ControllerContext, settings: ControllerSettings) => Controller;

export interface ManagerOptions {
  readonly server: string;
  readonly factories: ReadonlyMap<string, ControllerFactory>;
  readonly enabled: readonly string[];
  readonly settings: ControllerSettings;
  readonly leaderElect: boolean;
  readonly leaseName: string;
  readonly leaderElection?: LeaderElectionTimes;
  readonly identity: string;
  readonly log: Logger;
  readonly clock?: TimerClock;
}

export async function runControllerManager(o: ManagerOptions, signal: AbortSignal): Promise<void> {
  const clock = o.clock ?? systemTimerClock;
  const client = new RestClient({ server: o.server, userAgent: 'bosun-controller-manager' });
  const log = o.log.child({ component: 'controller-manager' });
  const lead = async (leading: AbortSignal): Promise<void> => {
    setMaxListeners(0, leading);   // every informer and worker listens on it
    const informers = new InformerFactory({ client, clock, log });
    const ctx: ControllerContext = { client, informers, clock, log };
    const controllers = o.enabled.map((name) => {
      const f = o.factories.get(name);
      if (f === undefined) throw new Error(`unknown controller ${JSON.stringify(name)}`);
      return f(ctx, o.settings);
    });
    log.info({ controllers: controllers.map((c) => c.name) }, 'Controllers starting');
    const runs = controllers.map((c) => c.run(leading).catch((err: unknown) => log.error({ err, controller: c.name }, 'Controller stopped with an error')));
    informers.start(leading);
    await Promise.all(runs);
    await informers.stopped();
  };
  try {
    if (!o.leaderElect) { await lead(signal); return; }
    const elector = new LeaderElector({
      client: client.resource({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true }),
      namespace: 'kube-system', name: o.leaseName, identity: o.identity, clock, log, ...o.leaderElection,
    });
    await elector.run(signal, {
      onStartedLeading: async (leading) => { log.info({ identity: o.identity }, 'Became leader'); await lead(leading); },
      onStoppedLeading: () => log.info({ identity: o.identity }, 'Stopped leading'),
    });
  } finally {
    client.close();
  }
}
