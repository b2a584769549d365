// linux/compat.h as a module sees it (this kernel is built without CONFIG_COMPAT: modules and user programs share one
// ILP32 ABI) and disable_irq/enable_irq/synchronize_irq for C drivers, proved by the fixture compat-irq (builds with
// kbuild) on q35's edu: an interrupt raised while the line is disabled is delivered only after enable_irq.
import { describe, expect, it } from 'vitest';
import { driver, q35, sh, dmesg } from '../modules/helpers.ts';

describe('compat.h and irq masking from C', () => {
  it('gives the compat types and helpers, and holds an interrupt back while the line is disabled', async () => {
    const m = q35({ '/root/kwb_compat_irq.ko': await driver('compat-irq') });
    expect(sh(m, 'insmod /root/kwb_compat_irq.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m).filter((l) => l.includes('kwb_compat_irq'));
    expect(log).toContain('kwb_compat_irq: compat_uptr_t 4, compat_long_t 4, compat_s64 align 4, in_compat_syscall 0, round trip 1');
    expect(log).toContain('kwb_compat_irq 0000:00:02.0: irq: raised 1, 1 raised while disabled: handled 1, 1, 2 after enable_irq');
    expect(sh(m, 'rmmod kwb_compat_irq; echo rc=$?')).toBe('rc=0\n');
  }, 300_000);
});
