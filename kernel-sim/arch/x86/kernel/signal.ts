// Models linux/arch/x86/kernel/signal.c's init_sigframe_size (an early_initcall): the largest signal frame the kernel may build, which AT_MINSIGSTKSZ reports.
import { pr_info } from '../../../kernel/printk/printk.ts';
import { cpu_detect, fpu__get_fpstate_size } from './cpu/common.ts';

/** sizeof(struct sigframe_ia32), the largest frame with CONFIG_IA32_EMULATION: pretcode, sig, sigcontext_32, _fpstate_32, extramask, retcode[8]. */
const SIGFRAME_IA32 = 4 + 4 + 88 + 624 + 4 + 8;
const FRAME_ALIGNMENT = 16, MAX_FRAME_PADDING = FRAME_ALIGNMENT - 1, MAX_XSAVE_PADDING = 63;

export function init_sigframe_size(): number {
  const size = SIGFRAME_IA32 + MAX_FRAME_PADDING + fpu__get_fpstate_size(cpu_detect()) + MAX_XSAVE_PADDING;
  pr_info(`signal: max sigframe size: ${Math.ceil(size / FRAME_ALIGNMENT) * FRAME_ALIGNMENT}`);
  return 0;
}
