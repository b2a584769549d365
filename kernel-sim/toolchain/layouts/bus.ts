// Layouts of a bus a module registers and the uevent environment its callbacks fill, as Linux 6.1 declares them (include/linux/device/bus.h, include/linux/kobject.h).
import type { StructSpec } from './spec.ts';

export const BUS_LAYOUTS: StructSpec[] = [
  { tag: 'bus_type', header: 'linux/device/bus.h', members: [
    { name: 'name', type: 'const char *' },
    { name: 'dev_name', type: 'const char *' },
    { name: 'dev_root', type: 'struct device *' },
    { name: 'bus_groups', type: 'const struct attribute_group **' },
    { name: 'dev_groups', type: 'const struct attribute_group **' },
    { name: 'drv_groups', type: 'const struct attribute_group **' },
    { name: 'match', type: 'int (*%s)(struct device *dev, struct device_driver *drv)' },
    { name: 'uevent', type: 'int (*%s)(struct device *dev, struct kobj_uevent_env *env)' },
    { name: 'probe', type: 'int (*%s)(struct device *dev)' },
    { name: 'sync_state', type: 'void (*%s)(struct device *dev)' },
    { name: 'remove', type: 'void (*%s)(struct device *dev)' },
    { name: 'shutdown', type: 'void (*%s)(struct device *dev)' },
    { name: 'online', type: 'int (*%s)(struct device *dev)' },
    { name: 'offline', type: 'int (*%s)(struct device *dev)' },
    { name: 'suspend', type: 'int (*%s)(struct device *dev, pm_message_t state)' },
    { name: 'resume', type: 'int (*%s)(struct device *dev)' },
    { name: 'num_vf', type: 'int (*%s)(struct device *dev)' },
    { name: 'dma_configure', type: 'int (*%s)(struct device *dev)' },
    { name: 'dma_cleanup', type: 'void (*%s)(struct device *dev)' },
    { name: 'pm', type: 'const struct dev_pm_ops *' },
    { name: 'iommu_ops', type: 'const struct iommu_ops *' },
    { name: 'p', type: 'struct subsys_private *' },
    // 6.1's struct lock_class_key lock_key sits here: it is empty without lockdep, as this kernel is built.
    { name: 'need_parent_lock', type: 'bool' },
  ] },
  { tag: 'kobj_uevent_env', header: 'linux/kobject.h', members: [
    { name: 'argv', type: 'char *', count: 3 },
    { name: 'envp', type: 'char *', count: 'UEVENT_NUM_ENVP' },
    { name: 'envp_idx', type: 'int' },
    { name: 'buf', type: 'char', count: 'UEVENT_BUFFER_SIZE' },
    { name: 'buflen', type: 'int' },
  ] },
];
