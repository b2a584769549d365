/* Models include/linux/numa.h (Linux 6.1): one memory node here, so NUMA_NO_NODE is the only node a driver names. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#define NODES_SHIFT	0
#define MAX_NUMNODES	(1 << NODES_SHIFT)

#define	NUMA_NO_NODE	(-1)

#endif /* _LINUX_NUMA_H */
