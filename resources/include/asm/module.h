/* Models arch/x86/include/asm/module.h: nothing module code uses. */
