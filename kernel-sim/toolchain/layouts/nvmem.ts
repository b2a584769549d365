// Layouts of the nvmem provider structs as Linux 6.1 declares them (include/linux/nvmem-provider.h).
import type { StructSpec } from './spec.ts';

export const NVMEM_LAYOUTS: StructSpec[] = [
  { tag: 'nvmem_config', header: 'linux/nvmem-provider.h', members: [
    { name: 'dev', type: 'struct device *' },
    { name: 'name', type: 'const char *' },
    { name: 'id', type: 'int' },
    { name: 'owner', type: 'struct module *' },
    { name: 'cells', type: 'const struct nvmem_cell_info *' },
    { name: 'ncells', type: 'int' },
    { name: 'keepout', type: 'const struct nvmem_keepout *' },
    { name: 'nkeepout', type: 'unsigned int' },
    { name: 'type', type: 'enum nvmem_type' },
    { name: 'read_only', type: 'bool' },
    { name: 'root_only', type: 'bool' },
    { name: 'ignore_wp', type: 'bool' },
    { name: 'of_node', type: 'struct device_node *' },
    { name: 'no_of_node', type: 'bool' },
    { name: 'reg_read', type: 'nvmem_reg_read_t %s' },
    { name: 'reg_write', type: 'nvmem_reg_write_t %s' },
    { name: 'cell_post_process', type: 'nvmem_cell_post_process_t %s' },
    { name: 'size', type: 'int' },
    { name: 'word_size', type: 'int' },
    { name: 'stride', type: 'int' },
    { name: 'priv', type: 'void *' },
    { name: 'compat', type: 'bool' },
    { name: 'base_dev', type: 'struct device *' },
  ] },
];
