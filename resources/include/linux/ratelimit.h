/* Models include/linux/ratelimit.h (ratelimited printing prints every message here). */
