// The verbs bosunctl knows: their flags, usage line and entry point.
import type { FlagDef } from './args.js';
import type { Cli } from './context.js';
import { config, configFlags } from './verbs/config.js';
import { get, getFlags } from './verbs/get.js';
import { apply, applyFlags } from './verbs/apply.js';
import { create, createFlags } from './verbs/create.js';
import { del, deleteFlags } from './verbs/delete.js';
import { describe, describeFlags } from './verbs/describe/index.js';
import { labelFlags, labelOrAnnotate } from './verbs/label.js';
import { rollout, rolloutFlags } from './verbs/rollout.js';
import { scale, scaleFlags } from './verbs/scale.js';
import { set, setFlags } from './verbs/set-image.js';
import { cordon, drain, nodeFlags } from './verbs/node.js';
import { top, topFlags } from './verbs/top.js';
import { logs, logsFlags } from './verbs/logs.js';
import { exec, execFlags } from './verbs/exec.js';
import { portForward, portForwardFlags } from './verbs/port-forward.js';
import { apiResources, apiResourcesFlags, apiVersions, clusterInfo, version, versionFlags } from './verbs/info.js';

export interface Verb {
  readonly summary: string;
  readonly usage: string;
  readonly flags: readonly FlagDef[];
  run(cli: Cli): Promise<number>;
}

export const verbs: Readonly<Record<string, Verb>> = {
  get: { summary: 'Display one or many resources', usage: '[(-o|--output=)json|yaml|name|wide|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]', flags: getFlags, run: get },
  apply: { summary: 'Apply a configuration to a resource by file name or stdin (client-side apply; --server-side)', usage: '-f FILENAME [-R] [flags]', flags: applyFlags, run: apply },
  create: { summary: 'Create a resource from a file or from stdin', usage: '-f FILENAME [flags]', flags: createFlags, run: create },
  delete: { summary: 'Delete resources by file names, stdin, resources and names, or by resources and label selector', usage: '([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [flags]', flags: deleteFlags, run: del },
  describe: { summary: 'Show details of a specific resource or group of resources, with its events', usage: '(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [flags]', flags: describeFlags, run: describe },
  scale: { summary: 'Set a new size for a deployment, replica set or replication controller', usage: '--replicas=COUNT (-f FILENAME | TYPE NAME) [flags]', flags: scaleFlags, run: scale },
  rollout: { summary: 'Manage the rollout of a deployment: status, history, undo, pause, resume, restart', usage: 'SUBCOMMAND TYPE NAME [flags]', flags: rolloutFlags, run: rollout },
  set: { summary: 'Set specific features on objects: image', usage: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ...', flags: setFlags, run: set },
  label: { summary: 'Update the labels on a resource', usage: 'TYPE NAME KEY_1=VAL_1 ... KEY_N=VAL_N [--overwrite] [flags]', flags: labelFlags, run: labelOrAnnotate('labels') },
  annotate: { summary: 'Update the annotations on a resource', usage: 'TYPE NAME KEY_1=VAL_1 ... KEY_N=VAL_N [--overwrite] [flags]', flags: labelFlags, run: labelOrAnnotate('annotations') },
  logs: { summary: 'Print the logs for a container in a pod', usage: '[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [flags]', flags: logsFlags, run: logs },
  exec: { summary: 'Execute a command in a container', usage: '(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]', flags: execFlags, run: exec },
  'port-forward': { summary: 'Forward one or more local ports to a pod', usage: '(POD | TYPE/NAME) [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N] [flags]', flags: portForwardFlags, run: portForward },
  top: { summary: 'Display resource (CPU/memory) usage of pods or nodes', usage: 'pod|node [NAME | -l label] [flags]', flags: topFlags, run: top },
  cordon: { summary: 'Mark node as unschedulable', usage: 'NODE [flags]', flags: nodeFlags, run: cordon(true) },
  uncordon: { summary: 'Mark node as schedulable', usage: 'NODE [flags]', flags: nodeFlags, run: cordon(false) },
  drain: { summary: 'Drain node in preparation for maintenance', usage: 'NODE [flags]', flags: nodeFlags, run: drain },
  version: { summary: 'Print the client and server version information', usage: '[flags]', flags: versionFlags, run: version },
  'cluster-info': { summary: 'Display cluster information', usage: '[flags]', flags: [], run: clusterInfo },
  'api-resources': { summary: 'Print the supported API resources on the server', usage: '[flags]', flags: apiResourcesFlags, run: apiResources },
  'api-versions': { summary: 'Print the supported API versions on the server, in the form of "group/version"', usage: '', flags: [], run: apiVersions },
  config: { summary: 'Modify kubeconfig files (view, current-context, use-context, set-context, get-contexts)', usage: 'SUBCOMMAND [flags]', flags: configFlags, run: config },
};
