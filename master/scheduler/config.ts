// The scheduler's configuration file (--config, JSON or YAML), shaped like Kubernetes'
// KubeSchedulerConfiguration: percentageOfNodesToScore and profiles, each with a
// schedulerName and per-extension-point plugin sets ({enabled: [{name, weight}], disabled:
// [{name}]}; "*" disables all defaults there). Without a file: the default plugins for the
// scheduler names "default-scheduler" and "bosun".
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { isRecord } from '../../shared/api/meta.js';
import { pluginFactories } from './plugins/registry.js';

export const extensionPoints = ['multiPoint', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'bind'] as const;
export type ExtensionPoint = typeof extensionPoints[number];

export interface PluginRef {
  readonly name: string;
  readonly weight?: number;
}

export interface PluginSet {
  readonly enabled: readonly PluginRef[];
  readonly disabled: readonly PluginRef[];
}

export interface Profile {
  readonly schedulerName: string;
  readonly plugins: Readonly<Partial<Record<ExtensionPoint, PluginSet>>>;
}

export interface SchedulerConfiguration {
  /** 0: adaptive (50% − nodes/125, at least 5%). */
  readonly percentageOfNodesToScore: number;
  readonly profiles: readonly Profile[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const defaultSchedulerNames = ['default-scheduler', 'bosun'] as const;

export const defaultConfiguration = (): SchedulerConfiguration => ({
  percentageOfNodesToScore: 0,
  profiles: defaultSchedulerNames.map((schedulerName) => ({ schedulerName, plugins: {} })),
});

function pluginRefs(u: unknown, path: string): PluginRef[] {
  if (u === undefined || u === null) return [];
  if (!Array.isArray(u)) throw new ConfigError(`${path}: must be a list`);
  return u.map((e, i) => {
    if (!isRecord(e) || typeof e['name'] !== 'string' || e['name'] === '') throw new ConfigError(`${path}[${i}].name: required`);
    const name = e['name'];
    if (name !== '*' && !pluginFactories.has(name)) {
      throw new ConfigError(`${path}[${i}].name: unknown plugin ${JSON.stringify(name)} (known: ${[...pluginFactories.keys()].join(', ')})`);
    }
    const w = e['weight'];
    if (w !== undefined && (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 100)) {
      throw new ConfigError(`${path}[${i}].weight: must be a whole number from 0 to 100`);
    }
    return w === undefined ? { name } : { name, weight: w };
  });
}

function profileOf(u: unknown, i: number): Profile {
  const path = `profiles[${i}]`;
  if (!isRecord(u)) throw new ConfigError(`${path}: must be an object`);
  const name = u['schedulerName'] ?? 'default-scheduler';
  if (typeof name !== 'string' || name === '') throw new ConfigError(`${path}.schedulerName: must be a non-empty string`);
  const plugins: Partial<Record<ExtensionPoint, PluginSet>> = {};
  const p = u['plugins'];
  if (p !== undefined && p !== null) {
    if (!isRecord(p)) throw new ConfigError(`${path}.plugins: must be an object`);
    for (const [point, set] of Object.entries(p)) {
      if (!(extensionPoints as readonly string[]).includes(point)) {
        throw new ConfigError(`${path}.plugins.${point}: unknown extension point (known: ${extensionPoints.join(', ')})`);
      }
      if (set !== null && !isRecord(set)) throw new ConfigError(`${path}.plugins.${point}: must be an object`);
      plugins[point as ExtensionPoint] = {
        enabled: pluginRefs(set?.['enabled'], `${path}.plugins.${point}.enabled`),
        disabled: pluginRefs(set?.['disabled'], `${path}.plugins.${point}.disabled`),
      };
    }
  }
  return { schedulerName: name, plugins };
}

/** Parses and checks a configuration document (JSON is YAML). */
export function parseSchedulerConfiguration(text: string): SchedulerConfiguration {
  let doc: unknown;
  try { doc = parseYaml(text); } catch (err) { throw new ConfigError(`not YAML or JSON: ${err instanceof Error ? err.message : String(err)}`); }
  if (doc === null || doc === undefined) return defaultConfiguration();
  if (!isRecord(doc)) throw new ConfigError('the configuration must be an object');
  const kind = doc['kind'];
  if (kind !== undefined && kind !== 'KubeSchedulerConfiguration') throw new ConfigError(`kind: must be KubeSchedulerConfiguration, not ${JSON.stringify(kind)}`);
  const pct = doc['percentageOfNodesToScore'] ?? 0;
  if (typeof pct !== 'number' || !Number.isInteger(pct) || pct < 0 || pct > 100) throw new ConfigError('percentageOfNodesToScore: must be a whole number from 0 to 100');
  const raw = doc['profiles'];
  if (raw !== undefined && !Array.isArray(raw)) throw new ConfigError('profiles: must be a list');
  const profiles = raw === undefined || raw.length === 0 ? defaultConfiguration().profiles : raw.map(profileOf);
  const names = new Set<string>();
  for (const p of profiles) {
    if (names.has(p.schedulerName)) throw new ConfigError(`profiles: schedulerName ${JSON.stringify(p.schedulerName)} appears twice`);
    names.add(p.schedulerName);
  }
  return { percentageOfNodesToScore: pct, profiles };
}

export function loadSchedulerConfiguration(file: string): SchedulerConfiguration {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try { return parseSchedulerConfiguration(text); } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`${file}: ${err.message}`);
    throw err;
  }
}
