// Models linux/kernel/power/swap.c: where the hibernation image goes — swsusp_write() through the swap writer (swsusp_swap_check, find_first_swap / swap_type_of) and swsusp_check() looking for an image signature on the resume device.
//
// The kernel has no swap areas (mm/swapfile.c is not modelled: swapon(2) is
// not implemented and no guest has mkswap or swapon), so the writer finds no
// swap device and hibernation stops there with Linux's message and -ENODEV.
import type { dev_t } from '../../include/linux/fs_types.ts';
import { EINVAL, ENODEV, ENXIO } from '../../include/uapi/asm-generic/errno.ts';
import { pr_err } from '../printk/printk.ts';
import { blkdev_get_no_open } from '../../block/bdev.ts';
import { __bread, brelse } from '../../fs/buffer.ts';
import { pmState } from './power.ts';

const PAGE_SIZE = 4096;

/** The active swap areas by device (swap_info[]): none, see the header. */
const swap_areas = (): readonly dev_t[] => [];

/** swap_type_of() / find_first_swap(): the swap area on the resume device (or the first one); -ENODEV without. */
function swap_type_of(dev: dev_t): number {
  const areas = swap_areas();
  const i = dev ? areas.indexOf(dev) : (areas.length ? 0 : -1);
  return i < 0 ? -ENODEV : i;
}

/** swsusp_write(): get_swap_writer() fails first when there is no swap area to write the image to. */
export function swsusp_write(): number {
  const res = swap_type_of(pmState().resume_dev);
  if (res < 0) {
    pr_err('PM: Cannot find swap device, try swapon -a');
    pr_err('PM: Cannot get swap writer');
    return res;
  }
  return 0;
}

/**
 * swsusp_check(): reads the resume device's first page, whose last 10 bytes hold HIBERNATE_SIG when an image is
 * there. None can be (nothing writes one, and load_image_and_restore is not modelled), so the check ends as for a
 * device without the signature: -EINVAL ("Image not found", a pr_debug), or -ENXIO for a device that is not there.
 * The page is read without sleeping (the block layer's nowait path), so software_resume() can run from an initcall.
 */
export function swsusp_check(): number {
  const bdev = blkdev_get_no_open(pmState().resume_dev);
  if (!bdev) return -ENXIO;
  const bh = __bread(bdev, 0, PAGE_SIZE);
  brelse(bh);
  return -EINVAL;
}
