/* Models arch/x86/include/asm/current.h: current is the running task (import get_current). */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H
struct task_struct;
extern struct task_struct *get_current(void);
#define current get_current()
#endif
