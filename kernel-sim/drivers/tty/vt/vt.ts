// Models linux/drivers/tty/vt/vt.c's con_init (console_initcall) and vty_init (from tty_init), with vc_screen.c's vcs_init, as Debian builds them (CONFIG_VT=y, CONFIG_VGA_CONSOLE=y): the text console the firmware left on a VGA card, or the dummy console without one, and the virtual terminals' device numbers (/dev/tty0, tty1-63, vcs). Only the numbers are modelled: no terminal emulation, no tty0-63 or vcs devices (so no /dev nodes), and the machines' consoles are serial.
import type { file_operations } from '../../../include/linux/fs_types.ts';
import { MKDEV } from '../../../include/linux/fs_types.ts';
import { ENXIO } from '../../../include/uapi/asm-generic/errno.ts';
import { pr_info } from '../../../kernel/printk/printk.ts';
import { raw_pci_read } from '../../../arch/x86/pci/direct.ts';
import { cdev_add, cdev_init, register_chrdev, register_chrdev_region } from '../../../fs/char_dev.ts';
import { TTY_MAJOR } from '../serial/8250_core.ts';
import { tty_register_driver } from '../tty_io.ts';

export const VCS_MAJOR = 7;
/** MAX_NR_CONSOLES (uapi/linux/vt.h): tty1..tty63. */
export const MAX_NR_CONSOLES = 63;

/** The part of boot_params.screen_info a console driver reads: what the BIOS left on the screen. */
interface screen_info { orig_video_isVGA: number; orig_video_cols: number; orig_video_lines: number }

/**
 * The firmware's half: SeaBIOS runs the option ROM of the first VGA-class PCI device (class 0x0300) on the root bus,
 * which leaves mode 3, 80x25 colour text, and the boot code records it (arch/x86/boot/video.c: isVGA = 1). Without
 * a VGA card the screen fields stay zero.
 */
function boot_screen_info(): screen_info {
  for (let devfn = 0; devfn < 256; devfn++) {
    const id = raw_pci_read(0, 0, devfn, 0x00, 4);
    if (id.err || (id.val & 0xffff) === 0xffff) continue;
    if (raw_pci_read(0, 0, devfn, 0x08, 4).val >>> 8 === 0x030000) return { orig_video_isVGA: 1, orig_video_cols: 80, orig_video_lines: 25 };
  }
  return { orig_video_isVGA: 0, orig_video_cols: 0, orig_video_lines: 0 };
}

/** A console driver's con_startup: its name as con_init prints it, its size and whether it does colour. */
interface consw_startup { desc: string; cols: number; rows: number; color: boolean }

/** dummycon_startup (console/dummycon.c): CONFIG_DUMMY_CONSOLE_COLUMNS/ROWS, 80x25 on x86. */
const dummycon_startup = (): consw_startup => ({ desc: 'dummy device', cols: 80, rows: 25, color: true });

/** vgacon_startup (console/vgacon.c): an EGA/VGA text mode is "VGA+"; no screen left by the BIOS falls back to the dummy console. */
function vgacon_startup(si: screen_info): consw_startup {
  if (si.orig_video_lines === 0 || si.orig_video_cols === 0) return dummycon_startup();
  return { desc: si.orig_video_isVGA ? 'VGA+' : 'EGA', cols: si.orig_video_cols, rows: si.orig_video_lines, color: true };
}

/** con_init: the first virtual console on conswitchp (setup_arch made it vga_con), announced once. */
export function con_init(): void {
  const c = vgacon_startup(boot_screen_info());
  pr_info(`Console: ${c.color ? 'colour' : 'mono'} ${c.desc} ${c.cols}x${c.rows}`);
}

/** No virtual terminal is ever allocated here, so opening one of their numbers finds no device. */
const no_vt_fops: file_operations = { open: function* () { return -ENXIO; } };

/** vty_init: /dev/tty0's number ("/dev/vc/0"), the vcs devices' major, then the console driver's tty1-63. */
export function vty_init(): number {
  const vc0 = cdev_init(no_vt_fops);
  if (cdev_add(vc0, MKDEV(TTY_MAJOR, 0), 1) || register_chrdev_region(MKDEV(TTY_MAJOR, 0), 1, '/dev/vc/0') < 0) return -ENXIO;
  // vcs_init: register_chrdev(VCS_MAJOR, "vcs", &vcs_fops).
  const r = register_chrdev(VCS_MAJOR, 'vcs', no_vt_fops);
  if (r < 0) return r;
  // console_driver sets no driver_name; name_base 1 makes its ttys tty1..tty63.
  return tty_register_driver({ driver_name: null, name: 'tty', major: TTY_MAJOR, minor_start: 1, num: MAX_NR_CONSOLES, type: 'console' });
}
