// Controllers under test against a real etcd + apiserver: one shared informer factory, the
// controllers made from it and run in this process, and optionally the stand-in kubelet —
// started together and stopped together (in the right order) by stop().
import { setMaxListeners } from 'node:events';
import { pino } from 'pino';
import type { Controller, ControllerContext } from '../../master/controllers/controller.js';
import { InformerFactory } from '../../shared/client/informer-factory.js';
import { RestClient } from '../../shared/client/rest-client.js';
import { systemTimerClock } from '../../shared/client/timers.js';
import { startCluster, type TestCluster } from '../apiserver/cluster.js';
import { FakeKubelet, type FakeKubeletOptions } from './fake-kubelet.js';

export interface ControllerHarness {
  readonly cluster: TestCluster;
  readonly client: RestClient;
  readonly informers: InformerFactory;
  /** The stand-in kubelet, when one was asked for. */
  readonly kubelet: FakeKubelet | undefined;
  stop(): Promise<void>;
}

export async function startControllers(
  make: (ctx: ControllerContext) => readonly Controller[],
  kubelet?: Omit<FakeKubeletOptions, 'server'>,
): Promise<ControllerHarness> {
  const ctl = new AbortController();
  setMaxListeners(0, ctl.signal);                         // every informer and worker listens to it
  const cluster = await startCluster();
  const client = new RestClient({ server: cluster.apiserver.url });
  const log = pino({ level: process.env['BOSUN_TEST_LOG'] ?? 'silent' });
  const informers = new InformerFactory({ client, clock: systemTimerClock, log });
  const running = Promise.all(make({ client, informers, clock: systemTimerClock, log }).map((c) => c.run(ctl.signal)));
  informers.start(ctl.signal);
  const fake = kubelet === undefined ? undefined : new FakeKubelet({ server: cluster.apiserver.url, ...kubelet });
  await fake?.start();
  return {
    cluster, client, informers, kubelet: fake,
    async stop() {
      ctl.abort();
      await running;
      await informers.stopped();
      await fake?.stop();
      client.close();
      await cluster.stop();
    },
  };
}
