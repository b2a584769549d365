// Layouts of the regulator consumer structs as Linux 6.1 declares them (include/linux/regulator/consumer.h).
import type { StructSpec } from './spec.ts';

export const REGULATOR_LAYOUTS: StructSpec[] = [
  { tag: 'regulator_bulk_data', header: 'linux/regulator/consumer.h', members: [
    { name: 'supply', type: 'const char *' },
    { name: 'init_load_uA', type: 'int' },
    { name: 'consumer', type: 'struct regulator *' },
    { name: 'ret', type: 'int' },
  ] },
];
