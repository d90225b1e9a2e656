// The verbs bosunctl knows: their flags, usage line and entry point.
import type { FlagDef } from './args.js';
import type { Cli } from './context.js';
import { config, configFlags } from './verbs/config.js';
import { get, getFlags } from './verbs/get.js';
import { apply, applyFlags } from './verbs/apply.js';
import { create, createFlags } from './verbs/create.js';
import { del, deleteFlags } from './verbs/delete.js';
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
  version: { summary: 'Print the client and server version information', usage: '[flags]', flags: versionFlags, run: version },
  'cluster-info': { summary: 'Display cluster information', usage: '[flags]', flags: [], run: clusterInfo },
  'api-resources': { summary: 'Print the supported API resources on the server', usage: '[flags]', flags: apiResourcesFlags, run: apiResources },
  'api-versions': { summary: 'Print the supported API versions on the server, in the form of "group/version"', usage: '', flags: [], run: apiVersions },
  config: { summary: 'Modify kubeconfig files (view, current-context, use-context, set-context, get-contexts)', usage: 'SUBCOMMAND [flags]', flags: configFlags, run: config },
};
