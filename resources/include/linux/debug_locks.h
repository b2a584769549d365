/* Models include/linux/debug_locks.h (nothing a module uses). */
