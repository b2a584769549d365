// Models linux/drivers/rtc/lib.c: rtc_time64_to_tm, seconds since the epoch to a broken-down UTC date (days-from-civil inverse).

export interface rtc_time { tm_year: number; tm_mon: number; tm_mday: number; tm_hour: number; tm_min: number; tm_sec: number }

export function rtc_time64_to_tm(time: number): rtc_time {
  const days = Math.floor(time / 86400);
  const secs = time - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const mon = mp < 10 ? mp + 3 : mp - 9;
  return {
    tm_year: yoe + era * 400 + (mon <= 2 ? 1 : 0) - 1900, tm_mon: mon - 1, tm_mday: doy - Math.floor((153 * mp + 2) / 5) + 1,
    tm_hour: Math.floor(secs / 3600), tm_min: Math.floor((secs % 3600) / 60), tm_sec: secs % 60,
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');
/** date_show's "%ptRd" and time_show's "%ptRt". */
export const rtc_date = (t: rtc_time): string => `${t.tm_year + 1900}-${p2(t.tm_mon + 1)}-${p2(t.tm_mday)}`;
export const rtc_clock = (t: rtc_time): string => `${p2(t.tm_hour)}:${p2(t.tm_min)}:${p2(t.tm_sec)}`;
