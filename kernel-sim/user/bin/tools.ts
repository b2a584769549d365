// The userland tools' registrations: each program's main and its Debian path (coreutils, util-linux, procps, findutils, grep, ...).
import type { program } from './index.ts';
import { ls_main } from './coreutils/ls.ts';
import { cat_main } from './coreutils/cat.ts';
import { mkdir_main, rmdir_main, rm_main, mv_main, cp_main, ln_main, touch_main, chmod_main } from './coreutils/fileops.ts';
import { stat_main } from './coreutils/stat.ts';
import { pwd_main, basename_main, dirname_main, readlink_main, sleep_main, yes_main, nproc_main, whoami_main, id_main, hostname_main, tty_main, sync_main, env_main, seq_main } from './coreutils/misc.ts';
import { printf_main } from './coreutils/printf.ts';
import { test_main } from './coreutils/test.ts';
import { date_main } from './coreutils/date.ts';
import { head_main, tail_main, wc_main, tee_main, tr_main, cut_main } from './coreutils/text.ts';
import { sort_main, uniq_main } from './coreutils/sort.ts';
import { od_main } from './coreutils/od.ts';
import { dd_main } from './coreutils/dd.ts';
import { stty_main } from './coreutils/stty.ts';
import { grep_main } from './grep/grep.ts';
import { sed_main } from './sed.ts';
import { awk_main } from './awk/awk.ts';
import { lsblk_main } from './util-linux/lsblk.ts';
import { df_main } from './coreutils/df.ts';
import { blkid_main } from './util-linux/blkid.ts';
import { find_main } from './findutils/find.ts';
import { xargs_main } from './findutils/xargs.ts';
import { tree_main } from './tree/tree.ts';
import { hexdump_main } from './util-linux/hexdump.ts';
import { blockdev_main } from './util-linux/blockdev.ts';
import { dmesg_main } from './util-linux/dmesg.ts';
import { rtcwake_main } from './util-linux/rtcwake.ts';
import { mount_main, umount_main } from './util-linux/mount.ts';
import { unshare_main, nsenter_main, pivot_root_main, chroot_main } from './util-linux/unshare.ts';
import { prlimit_main } from './util-linux/prlimit.ts';
import { ionice_main } from './util-linux/ionice.ts';
import { nice_main } from './coreutils/nice.ts';
import { lsns_main } from './util-linux/lsns.ts';
import { ipcs_main, ipcmk_main, ipcrm_main } from './util-linux/ipcs.ts';
import { getpcaps_main } from './libcap/getpcaps.ts';
import { xxd_main } from './xxd/xxd.ts';
import { ps_main } from './procps/ps.ts';
import { kill_main } from './procps/kill.ts';
import { free_main } from './procps/free.ts';
import { uptime_main } from './procps/uptime.ts';
import { top_main } from './procps/top.ts';
import { reboot_main } from './sysvinit/reboot.ts';
import { clear_main } from './ncurses/clear.ts';
import { which_main } from './debianutils/which.ts';
import { mke2fs_main } from './e2fsprogs/mke2fs.ts';
import { e2fsck_main } from './e2fsprogs/e2fsck.ts';
import { gpiodetect_main, gpioinfo_main } from './libgpiod/tools.ts';
import { gpioget_main, gpiomon_main, gpioset_main } from './libgpiod/lines.ts';

export const tools: Record<string, program> = {
  // e2fsprogs
  mke2fs: { main: mke2fs_main, path: '/sbin/mke2fs', aliases: ['/sbin/mkfs.ext2'] },
  e2fsck: { main: e2fsck_main, path: '/sbin/e2fsck', aliases: ['/sbin/fsck.ext2'] },
  // coreutils
  ls: { main: ls_main, path: '/bin/ls' },
  cat: { main: cat_main, path: '/bin/cat' },
  mkdir: { main: mkdir_main, path: '/bin/mkdir' },
  rmdir: { main: rmdir_main, path: '/bin/rmdir' },
  rm: { main: rm_main, path: '/bin/rm' },
  mv: { main: mv_main, path: '/bin/mv' },
  cp: { main: cp_main, path: '/bin/cp' },
  ln: { main: ln_main, path: '/bin/ln' },
  touch: { main: touch_main, path: '/bin/touch' },
  chmod: { main: chmod_main, path: '/bin/chmod' },
  stat: { main: stat_main, path: '/usr/bin/stat' },
  pwd: { main: pwd_main, path: '/bin/pwd' },
  basename: { main: basename_main, path: '/usr/bin/basename' },
  dirname: { main: dirname_main, path: '/usr/bin/dirname' },
  readlink: { main: readlink_main, path: '/bin/readlink' },
  sleep: { main: sleep_main, path: '/bin/sleep' },
  yes: { main: yes_main, path: '/usr/bin/yes' },
  nproc: { main: nproc_main, path: '/usr/bin/nproc' },
  whoami: { main: whoami_main, path: '/usr/bin/whoami' },
  id: { main: id_main, path: '/usr/bin/id' },
  tty: { main: tty_main, path: '/usr/bin/tty' },
  sync: { main: sync_main, path: '/bin/sync' },
  env: { main: env_main, path: '/usr/bin/env' },
  seq: { main: seq_main, path: '/usr/bin/seq' },
  printf: { main: printf_main, path: '/usr/bin/printf' },
  test: { main: test_main, path: '/usr/bin/test' },
  '[': { main: test_main, path: '/usr/bin/[' },
  date: { main: date_main, path: '/bin/date' },
  head: { main: head_main, path: '/usr/bin/head' },
  tail: { main: tail_main, path: '/usr/bin/tail' },
  wc: { main: wc_main, path: '/usr/bin/wc' },
  tee: { main: tee_main, path: '/usr/bin/tee' },
  tr: { main: tr_main, path: '/usr/bin/tr' },
  cut: { main: cut_main, path: '/usr/bin/cut' },
  sort: { main: sort_main, path: '/usr/bin/sort' },
  uniq: { main: uniq_main, path: '/usr/bin/uniq' },
  od: { main: od_main, path: '/usr/bin/od' },
  dd: { main: dd_main, path: '/bin/dd' },
  stty: { main: stty_main, path: '/bin/stty' },
  // hostname, grep, findutils, tree
  hostname: { main: hostname_main, path: '/bin/hostname' },
  grep: { main: grep_main, path: '/bin/grep' },
  sed: { main: sed_main, path: '/bin/sed' },
  awk: { main: awk_main, path: '/usr/bin/awk' },
  lsblk: { main: lsblk_main, path: '/bin/lsblk' },
  df: { main: df_main, path: '/bin/df' },
  blkid: { main: blkid_main, path: '/sbin/blkid' },
  find: { main: find_main, path: '/usr/bin/find' },
  xargs: { main: xargs_main, path: '/usr/bin/xargs' },
  tree: { main: tree_main, path: '/usr/bin/tree' },
  // util-linux, bsdextrautils, xxd
  hexdump: { main: hexdump_main, path: '/usr/bin/hexdump' },
  blockdev: { main: blockdev_main, path: '/usr/sbin/blockdev' },
  // gpiod (libgpiod 1.6 tools)
  gpiodetect: { main: gpiodetect_main, path: '/usr/bin/gpiodetect' },
  gpioinfo: { main: gpioinfo_main, path: '/usr/bin/gpioinfo' },
  gpioget: { main: gpioget_main, path: '/usr/bin/gpioget' },
  gpioset: { main: gpioset_main, path: '/usr/bin/gpioset' },
  gpiomon: { main: gpiomon_main, path: '/usr/bin/gpiomon' },
  dmesg: { main: dmesg_main, path: '/bin/dmesg' },
  rtcwake: { main: rtcwake_main, path: '/usr/sbin/rtcwake' },
  mount: { main: mount_main, path: '/bin/mount' },
  umount: { main: umount_main, path: '/bin/umount' },
  unshare: { main: unshare_main, path: '/usr/bin/unshare' },
  nsenter: { main: nsenter_main, path: '/usr/bin/nsenter' },
  pivot_root: { main: pivot_root_main, path: '/sbin/pivot_root' },
  chroot: { main: chroot_main, path: '/usr/sbin/chroot' },
  prlimit: { main: prlimit_main, path: '/usr/bin/prlimit' },
  ionice: { main: ionice_main, path: '/usr/bin/ionice' },
  nice: { main: nice_main, path: '/usr/bin/nice' },
  lsns: { main: lsns_main, path: '/usr/bin/lsns' },
  ipcs: { main: ipcs_main, path: '/usr/bin/ipcs' },
  ipcmk: { main: ipcmk_main, path: '/usr/bin/ipcmk' },
  ipcrm: { main: ipcrm_main, path: '/usr/bin/ipcrm' },
  getpcaps: { main: getpcaps_main, path: '/sbin/getpcaps' },
  xxd: { main: xxd_main, path: '/usr/bin/xxd' },
  // procps
  ps: { main: ps_main, path: '/bin/ps' },
  kill: { main: kill_main, path: '/bin/kill' },
  free: { main: free_main, path: '/usr/bin/free' },
  uptime: { main: uptime_main, path: '/usr/bin/uptime' },
  top: { main: top_main, path: '/usr/bin/top' },
  // init system, ncurses-bin, debianutils
  reboot: { main: reboot_main, path: '/sbin/reboot' },
  poweroff: { main: reboot_main, path: '/sbin/poweroff' },
  halt: { main: reboot_main, path: '/sbin/halt' },
  clear: { main: clear_main, path: '/usr/bin/clear' },
  which: { main: which_main, path: '/usr/bin/which' },
};
