/* Models include/linux/irqnr.h. */
