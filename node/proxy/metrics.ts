// The proxy's metrics (served on /metrics of the healthz port).
import { Counter, Gauge, Histogram, MetricsRegistry } from '../../shared/util/metrics.js';

export class ProxyMetrics {
  readonly registry = new MetricsRegistry();
  readonly syncDuration = this.registry.register('bosun_proxy_sync_proxy_rules_duration_seconds',
    new Histogram('Time of one sync: snapshot, build, render and iptables-restore.', [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]));
  readonly restoreDuration = this.registry.register('bosun_proxy_iptables_restore_duration_seconds',
    new Histogram('Time of the iptables-restore run of one sync.', [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]));
  readonly syncs = this.registry.register('bosun_proxy_syncs_total', new Counter('Syncs by mode (full, partial, noop) and result.'));
  readonly rules = this.registry.register('bosun_proxy_iptables_total', new Gauge('Rules Bosun holds per table after the last sync.'));
  readonly chains = this.registry.register('bosun_proxy_iptables_chains', new Gauge('Chains Bosun holds per table after the last sync.'));
  readonly written = this.registry.register('bosun_proxy_sync_written_chains', new Gauge('Chains written by the last sync.'));
  readonly servicePorts = this.registry.register('bosun_proxy_service_ports', new Gauge('Service ports in the last snapshot.'));
  readonly lastSync = this.registry.register('bosun_proxy_sync_proxy_rules_last_timestamp_seconds', new Gauge('When the last sync succeeded.'));
}
