// The machine's disks across boots, as QEMU's -drive files are: each virtio disk's contents outlive the hardware built for one boot, and a disk marked kwb,image = "rootfs" starts out as an MBR with an ext2 partition of the root tree.
import type { KwbMachine } from '../hw/core/machine-builder.ts';
import { VirtIOBlkPCI } from '../hw/block/virtio-blk-pci.ts';
import { mkext2_disk_pages } from '../fs/ext2/mkext2.ts';
import type { initramfs_entry } from '../init/initramfs.ts';
import { PRandom } from '../lib/prandom.ts';

/** A machine's disk contents by device-tree path (4 KiB pages by index). */
export type disk_store = Map<string, Map<number, Uint8Array>>;

/** What a freshly built root disk is made of: the tree, a UUID and a creation time (seconds), all from the machine. */
export interface root_image_source { tree: () => readonly initramfs_entry[]; uuid: Uint8Array; now: number }

/**
 * Gives each virtio disk of a freshly built machine its contents: what it held at the last
 * boot, or on the first boot its kwb,image. Returns the errors of images that could not be made.
 */
export function attach_disks(hw: KwbMachine, store: disk_store, src: root_image_source): string[] {
  const errors: string[] = [];
  for (const d of hw.devices) {
    if (!(d.dev instanceof VirtIOBlkPCI)) continue;
    let pages = store.get(d.path);
    if (!pages && d.dev.image === 'rootfs') {
      const img = mkext2_disk_pages(Number(d.dev.capacity_sectors) * 512, { tree: src.tree(), uuid: src.uuid, now: src.now, label: 'rootfs' });
      if (typeof img === 'string') errors.push(`${d.path}: kwb,image "rootfs": ${img}`);
      else pages = img;
    }
    if (pages) d.dev.pages = pages;
    store.set(d.path, d.dev.pages);
  }
  return errors;
}

/** The root filesystem's UUID (and the MBR's disk signature): from the machine's seed, apart from the kernel's random stream. */
export function root_disk_uuid(seed: number): Uint8Array {
  const r = new PRandom(seed ^ 0x65787432);
  const u = new Uint8Array(16).map(() => r.u32() & 0xff);
  u[6] = (u[6] & 0x0f) | 0x40; // version 4
  u[8] = (u[8] & 0x3f) | 0x80; // RFC 4122 variant
  return u;
}
