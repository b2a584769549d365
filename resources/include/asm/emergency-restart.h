/* Models arch/x86/include/asm/emergency-restart.h (Linux 6.1): the reset that takes no locks and shuts no device down. */
#ifndef _ASM_X86_EMERGENCY_RESTART_H
#define _ASM_X86_EMERGENCY_RESTART_H

extern void machine_emergency_restart(void);

#endif /* _ASM_X86_EMERGENCY_RESTART_H */
