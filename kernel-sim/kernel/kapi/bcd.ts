// Models linux/lib/bcd.c: _bcd2bin and _bin2bcd, the out-of-line halves of linux/bcd.h's bcd2bin/bin2bcd (the CMOS clock counts in BCD).
import { EXPORT_KAPI } from './registry.ts';

export const _bcd2bin = (val: number): number => ((val & 0x0f) + ((val & 0xff) >> 4) * 10) >>> 0;
export const _bin2bcd = (val: number): number => ((Math.floor((val >>> 0) / 10) % 10) << 4 | (val >>> 0) % 10) & 0xff;

export const ksymtab = [...EXPORT_KAPI({ _bcd2bin, _bin2bcd })];
