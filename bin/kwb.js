#!/usr/bin/env node
// kwb: the Kernel Workbench command line. Runs the TypeScript sources through tsx, so a checkout needs no build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../kernel-sim/host/cli.ts');
process.exitCode = await main(process.argv.slice(2));
