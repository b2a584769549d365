/* Models include/linux/irqflags.h: local interrupt enable/disable (imports arch_local_irq_*). */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H
#include <linux/types.h>
#include <linux/typecheck.h>
#include <linux/cleanup.h>
extern unsigned long arch_local_save_flags(void);
extern unsigned long arch_local_irq_save(void);
extern void arch_local_irq_restore(unsigned long flags);
extern void arch_local_irq_enable(void);
extern void arch_local_irq_disable(void);
#define local_irq_enable()	arch_local_irq_enable()
#define local_irq_disable()	arch_local_irq_disable()
#define local_irq_save(flags)	do { typecheck(unsigned long, flags); flags = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) do { typecheck(unsigned long, flags); arch_local_irq_restore(flags); } while (0)
#define local_save_flags(flags)	do { typecheck(unsigned long, flags); flags = arch_local_save_flags(); } while (0)
extern bool irqs_disabled(void);

DEFINE_LOCK_GUARD_0(irq, local_irq_disable(), local_irq_enable())
DEFINE_LOCK_GUARD_0(irqsave,
		    local_irq_save(_T->flags),
		    local_irq_restore(_T->flags),
		    unsigned long flags)
#endif
