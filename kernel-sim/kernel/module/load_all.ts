// Loads every part of the kernel API modules link against (each registers its functions in kernel/kapi/registry.ts), and /proc/modules.
import '../kapi/printk.ts';
import '../kapi/slab.ts';
import '../kapi/string.ts';
import '../kapi/sched.ts';
import './procfs.ts';
import '../kapi/device.ts';
import '../kapi/chrdev.ts';
import '../kapi/debug.ts';
import '../kapi/pci.ts';
import '../kapi/procfs.ts';
import '../kapi/sysfs.ts';
import '../kapi/timers.ts';
import '../kapi/platform.ts';
import '../kapi/kmod.ts';
