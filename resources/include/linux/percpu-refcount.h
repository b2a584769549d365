/* Models include/linux/percpu-refcount.h (nothing a module uses). */
