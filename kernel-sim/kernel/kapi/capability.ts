// capable() for modules (kernel/capability.c's EXPORT_SYMBOL(capable)): the current task's effective capability in the initial user namespace, as drivers check it before showing root-only data (the legacy eeprom driver's serial numbers).
import { capable } from '../capability.ts';
import { EXPORT_KAPI } from './registry.ts';

export const ksymtab = EXPORT_KAPI({
  capable: (cap: number): number => (capable(cap) ? 1 : 0),
});
