// A profile's Framework from its configuration: the default plugins (multiPoint), minus what
// is disabled and plus what is enabled, per extension point; each plugin made once.
import type { ExtensionPoint, PluginRef, Profile } from '../config.js';
import { defaultPlugins, pluginFactories, type PluginContext } from '../plugins/registry.js';
import { Framework, type FrameworkPlugins } from './framework.js';
import type {
  AnyPlugin, BindPlugin, FilterPlugin, PostFilterPlugin, PreFilterPlugin, PreScorePlugin, ReservePlugin, ScorePlugin,
} from './plugin.js';

type Point = Exclude<ExtensionPoint, 'multiPoint'>;
const method: Readonly<Record<Point, string>> = {
  preFilter: 'preFilter', filter: 'filter', postFilter: 'postFilter', preScore: 'preScore', score: 'score', reserve: 'reserve', bind: 'bind',
};

const implementsPoint = (p: AnyPlugin, point: Point): boolean => typeof (p as unknown as Record<string, unknown>)[method[point]] === 'function';

/** Applies one plugin set (disabled, then enabled) to a list of refs. */
function applySet(base: readonly PluginRef[], set: { enabled: readonly PluginRef[]; disabled: readonly PluginRef[] } | undefined): PluginRef[] {
  if (set === undefined) return [...base];
  const off = new Set(set.disabled.map((r) => r.name));
  const out = off.has('*') ? [] : base.filter((r) => !off.has(r.name));
  for (const r of set.enabled) {
    const i = out.findIndex((x) => x.name === r.name);
    if (i >= 0) out[i] = { name: r.name, weight: r.weight ?? out[i]!.weight ?? 1 };
    else out.push(r);
  }
  return out;
}

export function buildFramework(profile: Profile, percentageOfNodesToScore: number, ctx: PluginContext): Framework {
  const made = new Map<string, AnyPlugin>();
  const plugin = (name: string): AnyPlugin => {
    let p = made.get(name);
    if (p === undefined) {
      const f = pluginFactories.get(name);
      if (f === undefined) throw new Error(`unknown plugin ${JSON.stringify(name)}`);
      made.set(name, p = f(ctx));
    }
    return p;
  };
  const multi = applySet(defaultPlugins, profile.plugins.multiPoint);
  const at = (point: Point): { p: AnyPlugin; weight: number }[] => {
    const base = multi.filter((r) => implementsPoint(plugin(r.name), point));
    return applySet(base, profile.plugins[point]).map((r) => {
      const p = plugin(r.name);
      if (!implementsPoint(p, point)) throw new Error(`plugin ${r.name} has no ${point} extension point`);
      return { p, weight: r.weight === undefined || r.weight === 0 ? 1 : r.weight };
    });
  };
  const plugins: FrameworkPlugins = {
    preFilter: at('preFilter').map((e) => e.p as PreFilterPlugin),
    filter: at('filter').map((e) => e.p as FilterPlugin),
    postFilter: at('postFilter').map((e) => e.p as PostFilterPlugin),
    preScore: at('preScore').map((e) => e.p as PreScorePlugin),
    score: at('score').map((e) => ({ plugin: e.p as ScorePlugin, weight: e.weight })),
    reserve: at('reserve').map((e) => e.p as ReservePlugin),
    bind: at('bind').map((e) => e.p as BindPlugin),
  };
  return new Framework(profile.schedulerName, plugins, percentageOfNodesToScore);
}
