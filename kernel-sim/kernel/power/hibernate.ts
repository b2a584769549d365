// Models the sysfs half of linux/kernel/power/hibernate.c and snapshot.c: disk, image_size, reserved_size, resume, resume_offset (hibernation itself is not modelled yet).
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { kobj_attribute } from '../../lib/kobject.ts';
import { si_meminfo } from '../../mm/meminfo.ts';
import { first_line, pmState } from './power.ts';

const PAGE_SIZE = 4096;

/** hibernation_modes in their enum order; "platform" is there because the machine has ACPI (hibernation_ops). */
const hibernation_modes = ['platform', 'shutdown', 'reboot', 'suspend', 'test_resume'] as const;

/** hibernate_image_size_init(): 2/5 of RAM by default. */
export function hibernate_image_size_init(): void {
  const totalram_pages = Math.floor(si_meminfo().totalram / PAGE_SIZE);
  pmState().image_size = Math.floor((totalram_pages * 2) / 5) * PAGE_SIZE;
}

function ulong_attr(name: 'image_size' | 'reserved_size' | 'resume_offset'): kobj_attribute {
  return {
    name, mode: 0o644,
    show: () => `${pmState()[name]}\n`,
    store: (_k, _a, buf) => {
      const v = first_line(buf).trim();
      if (!/^\d+$/.test(v)) return -EINVAL;
      pmState()[name] = Number(v);
      return buf.length;
    },
  };
}

export const hibernate_attrs: kobj_attribute[] = [
  {
    name: 'disk', mode: 0o644,
    // Each mode followed by a space, the current one bracketed, then the newline (disk_show).
    show: () => `${hibernation_modes.map((m) => m === pmState().hibernation_mode ? `[${m}] ` : `${m} `).join('')}\n`,
    store: (_k, _a, buf) => {
      const m = hibernation_modes.find((x) => x === first_line(buf));
      if (!m) return -EINVAL;
      pmState().hibernation_mode = m;
      return buf.length;
    },
  },
  ulong_attr('image_size'),
  ulong_attr('reserved_size'),
  {
    name: 'resume', mode: 0o644,
    show: () => `${pmState().resume_dev.major}:${pmState().resume_dev.minor}\n`,
    store: (_k, _a, buf) => {
      const m = /^(\d+):(\d+)$/.exec(first_line(buf).trim());
      if (!m) return -EINVAL;
      pmState().resume_dev = { major: Number(m[1]), minor: Number(m[2]) };
      return buf.length;
    },
  },
  ulong_attr('resume_offset'),
];
