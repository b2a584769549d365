// Models linux/fs/proc/consoles.c: /proc/consoles, each registered console with its flags and tty device.
import { printkState } from '../../kernel/printk/printk.ts';
import { MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import { seq_puts, seq_setwidth, seq_pad, type seq_file } from '../seq_file.ts';
import { proc_create_single } from './generic.ts';
import { tty_devnum } from './array.ts';

/** "ttyS0                -W- (EC p a)    4:64" (show_console_dev). The first console is the preferred one (C). */
function show_consoles(m: seq_file): number {
  printkState().consoles.forEach((con, i) => {
    const mt = /^(.*?)(\d+)$/.exec(con.name);
    const name = mt ? mt[1] : con.name, index = mt ? Number(mt[2]) : 0;
    seq_setwidth(m, 21 - 1);
    seq_puts(m, `${name}${index}`);
    seq_pad(m, ' ');
    const flags = `E${i === 0 ? 'C' : ' '} p a`;
    seq_puts(m, `-W- (${flags})`);
    const dev = tty_devnum(con.name);
    if (dev) seq_puts(m, ` ${String(MAJOR(dev)).padStart(4)}:${MINOR(dev)}`);
    seq_puts(m, '\n');
  });
  return 0;
}

export function proc_consoles_init(): number {
  proc_create_single('consoles', 0, null, show_consoles);
  return 0;
}
