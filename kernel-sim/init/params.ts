// Models linux/init/main.c's command-line handling and kernel/params.c: __setup handlers, and what is left over for init.

export interface boot_params {
  console: string[];
  loglevel: number | null;
  quiet: boolean;
  debug: boolean;
  init: string | null;
  rdinit: string | null;
  root: string | null;
  rootfstype: string | null;
  initcall_debug: boolean;
  /** dyndbg="+p": enable every pr_debug/dev_dbg call site. */
  dyndbg: boolean;
  panic: number;
  /** module.param=value, applied when the module loads. */
  module_params: Map<string, [string, string][]>;
  /** Arguments and environment passed to init (argv_init, envp_init). */
  init_argv: string[];
  init_envp: string[];
  /** Parameters no handler knew, as Linux reports them. */
  unknown: string[];
}

/** Splits a command line like next_arg(): spaces separate, double quotes group. */
export function split_cmdline(cmdline: string): string[] {
  const out: string[] = [];
  let cur = '', inq = false, any = false;
  for (const ch of cmdline) {
    if (ch === '"') { inq = !inq; any = true; continue; }
    if ((ch === ' ' || ch === '\t' || ch === '\n') && !inq) { if (any || cur) out.push(cur); cur = ''; any = false; continue; }
    cur += ch; any = true;
  }
  if (any || cur) out.push(cur);
  return out;
}

/** Early and __setup parameters the kernel consumes; everything else goes to init. */
const KERNEL_PARAMS = new Set(['console', 'loglevel', 'quiet', 'debug', 'init', 'rdinit', 'root', 'rootfstype', 'rootwait', 'ro', 'rw', 'initcall_debug', 'panic', 'earlyprintk', 'nokaslr', 'mem', 'maxcpus', 'nosmp', 'noapic', 'pci', 'acpi', 'ignore_loglevel', 'printk.time', 'log_buf_len',
  // kernel/power/hibernate.c's __setup handlers (hibernate_setup_cmdline reads them)
  'resume', 'noresume', 'resume_offset']);

export function parse_boot_params(cmdline: string): boot_params {
  const p: boot_params = {
    console: [], loglevel: null, quiet: false, debug: false, init: null, rdinit: null, root: null, rootfstype: null,
    initcall_debug: false, dyndbg: false, panic: 0, module_params: new Map(), init_argv: [], init_envp: ['HOME=/', 'TERM=linux'], unknown: [],
  };
  const args = split_cmdline(cmdline);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { p.init_argv.push(...args.slice(i + 1)); break; }
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    const val = eq < 0 ? '' : a.slice(eq + 1);
    switch (key) {
      case 'console': p.console.push(val); continue;
      case 'loglevel': p.loglevel = Number(val); continue;
      case 'quiet': p.quiet = true; continue;
      case 'debug': p.debug = true; continue;
      case 'init': p.init = val; continue;
      case 'rdinit': p.rdinit = val; continue;
      case 'root': p.root = val; continue;
      case 'rootfstype': p.rootfstype = val; continue;
      case 'initcall_debug': p.initcall_debug = val === '' || val === '1' || val === 'y'; continue;
      case 'panic': p.panic = Number(val) || 0; continue;
      case 'dyndbg': p.dyndbg = /\+p/.test(val); continue;
    }
    if (KERNEL_PARAMS.has(key)) continue;
    const dot = key.indexOf('.');
    if (dot > 0 && eq > 0) {
      const mod = key.slice(0, dot).replace(/-/g, '_');
      const list = p.module_params.get(mod) ?? [];
      list.push([key.slice(dot + 1), val]);
      p.module_params.set(mod, list);
      continue;
    }
    // Unknown: with '=' it goes to init's environment, without to its argv (unknown_bootoption).
    p.unknown.push(a);
    if (eq > 0) p.init_envp.push(a); else p.init_argv.push(a);
  }
  return p;
}
