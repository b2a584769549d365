// Models the data lib/uuid.c exports for the inlines of linux/uuid.h: guid_null and uuid_null, 16 zero bytes each (guid_is_null/uuid_is_null compare with them).
import { ksymbol } from '../../mm/kmem.ts';
import { EXPORT_KDATA } from './registry.ts';

export const ksymtab = [
  EXPORT_KDATA('guid_null', () => ksymbol('guid_null', 16)),
  EXPORT_KDATA('uuid_null', () => ksymbol('uuid_null', 16)),
];
