/* Models include/linux/elf.h: nothing from it is available to modules yet. */
