#!/usr/bin/env node
// `bosunctl VERB [args] [flags]`: the kubectl verbs for people deploying from manifests. This is
// the process entry: it parses the arguments, builds the Cli for the verb and prints any error
// as one line on stderr with a non-zero exit.
import { globalFlags, parseArgs, UsageError, type FlagDef } from './bosunctl/args.js';
import { Cli, processEnv, type CliEnv } from './bosunctl/context.js';
import { errorText } from './bosunctl/errors.js';
import { verbs } from './bosunctl/verbs.js';

function usage(): string {
  const rows = Object.entries(verbs).map(([name, v]) => `  ${name.padEnd(16)}${v.summary}`);
  return ['bosunctl controls a Bosun cluster the way kubectl controls Kubernetes.', '',
    'Usage: bosunctl VERB [args] [flags]', '', 'Verbs:', ...rows, '',
    'Global flags: --kubeconfig, --context, -n/--namespace, -s/--server, --request-timeout'].join('\n');
}

/** Runs one command line; returns the exit code (errors are printed, not thrown). */
export async function runBosunctl(argv: readonly string[], io: CliEnv): Promise<number> {
  // The verb is the first argument that is not a global flag or its value.
  let verbAt = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) { verbAt = i; break; }
    const def = globalFlags.find((f) => a === `--${f.long}` || (f.short !== undefined && a === `-${f.short}`));
    if (def !== undefined && def.kind !== 'bool') i++;
  }
  const name = verbAt >= 0 ? argv[verbAt]! : undefined;
  if (name === undefined || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return 0;
  }
  const verb = verbs[name];
  if (verb === undefined) {
    io.stderr.write(`error: unknown command "${name}" for "bosunctl"\n`);
    return 1;
  }
  const rest = [...argv.slice(0, verbAt), ...argv.slice(verbAt + 1)];
  let cli: Cli | undefined;
  try {
    const flags: FlagDef[] = [...globalFlags, ...verb.flags.filter((f) => !globalFlags.some((g) => g.long === f.long))];
    const args = parseArgs(flags, rest);
    if (args.bool('help')) { io.stdout.write(`Usage: bosunctl ${name} ${verb.usage}\n\n${verb.summary}\n`); return 0; }
    cli = new Cli(args, io);
    return await verb.run(cli);
  } catch (err) {
    if (io.signal.aborted) return 130;
    const { text, code } = errorText(err);
    io.stderr.write(`${text}\n`);
    if (err instanceof UsageError) io.stderr.write(`See 'bosunctl ${name} --help' for usage.\n`);
    return code;
  } finally {
    cli?.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const ctl = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => { ctl.abort(); setTimeout(() => process.exit(130), 200).unref(); });
  }
  runBosunctl(process.argv.slice(2), processEnv(ctl.signal)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
