#!/usr/bin/env node
// kwb: the Kernel Workbench command line. Runs the compiled bundle in dist/cli, rebuilt first (esbuild, about a second)
// when kernel-sim changed since (the previous bundle runs if the sources do not bundle); KWB_FROM_SOURCE=1 runs the
// TypeScript sources through tsx instead. The commands that boot a machine run the bundle's script with V8's code
// cache (scripts/cli-script.js); `kwb build` and the rest its ES modules, which load only what they use.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
/** The commands that boot a machine (or may: lab), and so run from the script; the others never load cli-script.js (node:vm). */
const SCRIPT_COMMANDS = new Set(['run', 'shell', 'lab']);

async function run() {
  if (process.env.KWB_FROM_SOURCE === '1') {
    const { register } = await import('tsx/esm/api');
    register();
    return (await import('../kernel-sim/host/cli.ts')).main(argv);
  }
  const { cliDist, ensureCli } = await import('../scripts/build.js');
  const manifest = await ensureCli();
  if (manifest.staleError) process.stderr.write(`kwb: the kernel-sim sources changed but do not bundle; running the previous build.\n${manifest.staleError}\n`);
  const entry = join(cliDist(), manifest.entry);
  const script = SCRIPT_COMMANDS.has(argv[0]) ? (await import('../scripts/cli-script.js')).loadCliScript(entry) : null;
  if (!script) return (await import(pathToFileURL(entry).href)).main(argv);
  const code = await script.main(argv);
  script.saveCache(argv[0] === 'lab' ? `lab ${argv[1]}` : argv[0]);
  return code;
}

process.exitCode = await run();
