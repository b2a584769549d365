/* Models include/linux/instruction_pointer.h (see _RET_IP_ in kernel.h). */
