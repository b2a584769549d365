// Models the date formatting of glibc strftime/gmtime as coreutils uses it (ls -l, date, stat), always in UTC.

export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface tm { year: number; mon: number; mday: number; hour: number; min: number; sec: number; wday: number; yday: number; nsec: number }

/** gmtime: broken-down UTC time of seconds since the epoch (days-from-civil inverse). */
export function gmtime(sec: number, nsec = 0): tm {
  const s = Math.floor(sec);
  const days = Math.floor(s / 86400);
  const rem = s - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  const yday = cum[m - 1] + d - 1 + (leap && m > 2 ? 1 : 0);
  return { year: y, mon: m - 1, mday: d, hour: Math.floor(rem / 3600), min: Math.floor((rem % 3600) / 60), sec: rem % 60, wday: (((days + 4) % 7) + 7) % 7, yday, nsec };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** strftime for the conversions the tools use (UTC). */
export function strftime(fmt: string, t: tm): string {
  return fmt.replace(/%([-_0^#]?)([a-zA-Z%+])/g, (_m, flag: string, ch: string) => {
    const pad = (n: number, w = 2): string => (flag === '-' ? String(n) : flag === '_' ? String(n).padStart(w, ' ') : String(n).padStart(w, '0'));
    switch (ch) {
      case 'a': return DAYS[t.wday];
      case 'A': return DAYS_LONG[t.wday];
      case 'b': case 'h': return MONTHS[t.mon];
      case 'B': return MONTHS_LONG[t.mon];
      case 'c': return `${DAYS[t.wday]} ${MONTHS[t.mon]} ${String(t.mday).padStart(2, ' ')} ${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)} ${t.year}`;
      case 'C': return pad(Math.floor(t.year / 100));
      case 'd': return pad(t.mday);
      case 'D': return `${p2(t.mon + 1)}/${p2(t.mday)}/${p2(t.year % 100)}`;
      case 'e': return flag === '0' ? p2(t.mday) : String(t.mday).padStart(2, ' ');
      case 'F': return `${t.year}-${p2(t.mon + 1)}-${p2(t.mday)}`;
      case 'H': return pad(t.hour);
      case 'I': return pad(t.hour % 12 || 12);
      case 'j': return pad(t.yday + 1, 3);
      case 'k': return String(t.hour).padStart(2, ' ');
      case 'l': return String(t.hour % 12 || 12).padStart(2, ' ');
      case 'm': return pad(t.mon + 1);
      case 'M': return pad(t.min);
      case 'n': return '\n';
      case 'N': return String(t.nsec).padStart(9, '0');
      case 'p': return t.hour < 12 ? 'AM' : 'PM';
      case 'P': return t.hour < 12 ? 'am' : 'pm';
      case 'r': return `${p2(t.hour % 12 || 12)}:${p2(t.min)}:${p2(t.sec)} ${t.hour < 12 ? 'AM' : 'PM'}`;
      case 'R': return `${p2(t.hour)}:${p2(t.min)}`;
      case 's': return String(timegm(t));
      case 'S': return pad(t.sec);
      case 't': return '\t';
      case 'T': return `${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)}`;
      case 'u': return String(t.wday || 7);
      case 'w': return String(t.wday);
      case 'x': return `${p2(t.mon + 1)}/${p2(t.mday)}/${p2(t.year % 100)}`;
      case 'X': return `${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)}`;
      case 'y': return pad(t.year % 100);
      case 'Y': return String(t.year);
      case 'z': return '+0000';
      case 'Z': return 'UTC';
      case '+': return `${DAYS[t.wday]} ${MONTHS[t.mon]} ${String(t.mday).padStart(2, ' ')} ${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)} UTC ${t.year}`;
      case '%': return '%';
      default: return `%${flag}${ch}`;
    }
  });
}

export function timegm(t: tm): number {
  const y = t.mon <= 1 ? t.year - 1 : t.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (t.mon + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + t.mday - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86400 + t.hour * 3600 + t.min * 60 + t.sec;
}

/** ls -l's time column: "%b %e %H:%M" within six months of now, else "%b %e  %Y". */
export function ls_time(ns: number, now_ns: number): string {
  const sec = Math.floor(ns / 1e9);
  const t = gmtime(sec);
  const six_months = (365.2425 * 86400) / 2;
  const recent = now_ns / 1e9 - six_months < sec && sec <= now_ns / 1e9 + 60;
  return recent ? strftime('%b %e %H:%M', t) : strftime('%b %e  %Y', t);
}

/** stat's timestamp: "2026-01-01 00:00:05.123456789 +0000". */
export function stat_time(ns: number): string {
  const sec = Math.floor(ns / 1e9);
  return strftime('%Y-%m-%d %H:%M:%S', gmtime(sec)) + '.' + String(Math.round(ns - sec * 1e9)).padStart(9, '0') + ' +0000';
}
