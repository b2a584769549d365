#!/usr/bin/env node
// kwb: the Kernel Workbench command line. Runs the compiled bundle in dist/cli, rebuilt first (esbuild, about a second)
// when kernel-sim changed since (the previous bundle runs if the sources do not bundle); KWB_FROM_SOURCE=1 runs the
// TypeScript sources through tsx instead.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

async function loadMain() {
  if (process.env.KWB_FROM_SOURCE === '1') {
    const { register } = await import('tsx/esm/api');
    register();
    return import('../kernel-sim/host/cli.ts');
  }
  const { cliDist, ensureCli } = await import('../scripts/build.js');
  const manifest = await ensureCli();
  if (manifest.staleError) process.stderr.write(`kwb: the kernel-sim sources changed but do not bundle; running the previous build.\n${manifest.staleError}\n`);
  return import(pathToFileURL(join(cliDist(), manifest.entry)).href);
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
