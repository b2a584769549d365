// The initramfs image of the default machine: the directory tree, /init and /bin programs, and /etc files, as a cpio archive would carry them.
import type { initramfs_entry } from '../init/initramfs.ts';
import { kwb_image } from '../fs/binfmt_kwb.ts';
import { programs } from './bin/index.ts';
import { udev_rules_files } from './bin/udev/index.ts';
import { pciutils_dirs, pciutils_files } from './bin/pciutils/index.ts';
import { net_dirs, net_files } from './bin/iproute2/index.ts';

const enc = new TextEncoder();

const DIRS: [string, number][] = [
  ['/bin', 0o755], ['/sbin', 0o755], ['/usr', 0o755], ['/usr/bin', 0o755], ['/usr/sbin', 0o755], ['/etc', 0o755],
  ['/etc/udev', 0o755], ['/etc/udev/rules.d', 0o755], ['/lib', 0o755], ['/lib/modules', 0o755], ['/lib/udev', 0o755],
  ['/lib/udev/rules.d', 0o755], ['/dev', 0o755], ['/proc', 0o555], ['/sys', 0o555], ['/tmp', 0o1777], ['/root', 0o700],
  ['/home', 0o755], ['/mnt', 0o755], ['/var', 0o755], ['/var/log', 0o755], ['/run', 0o755], ['/opt', 0o755],
];

const FILES: [string, number, string][] = [
  ['/etc/hostname', 0o644, 'kwb\n'],
  ['/etc/passwd', 0o644, 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'],
  ['/etc/group', 0o644, 'root:x:0:\ndaemon:x:1:\ntty:x:5:\ndisk:x:6:\nkmem:x:15:\ndialout:x:20:\nvideo:x:44:\nplugdev:x:46:\nnogroup:x:65534:\n'],
  ['/etc/os-release', 0o644, 'PRETTY_NAME="Kernel Workbench Linux"\nNAME="Kernel Workbench"\nID=kwb\nVERSION_ID=1\n'],
  ['/etc/profile', 0o644, 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n'],
];

export function default_initramfs(): initramfs_entry[] {
  const out: initramfs_entry[] = [];
  for (const [path, mode] of [...DIRS, ...pciutils_dirs, ...net_dirs]) out.push({ path, mode: 0o040000 | mode });
  // As usr/default_cpio_list: the kernel opens /dev/console for init before devtmpfs is mounted on /dev.
  out.push({ path: '/dev/console', mode: 0o020600, rdev: (5 << 20) | 1 });
  for (const [path, mode, text] of [...FILES, ...udev_rules_files, ...pciutils_files, ...net_files]) out.push({ path, mode: 0o100000 | mode, data: enc.encode(text) });
  for (const [name, p] of Object.entries(programs)) {
    out.push({ path: p.path, mode: 0o100755, data: kwb_image(name) });
    for (const a of p.aliases ?? []) out.push({ path: a, mode: 0o120777, link: p.path });
  }
  return out;
}
