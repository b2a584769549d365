#!/bin/sh
# A new mount namespace with private propagation, then pivot_root into the romfs on /dev/ram0.
unshare --mount sh -c '
  mount --make-rprivate /
  mkdir -p /newroot
  mount -t romfs /dev/ram0 /newroot
  cd /newroot
  pivot_root . mnt
  cd /
  mount -t proc proc /proc
  umount -l /mnt
  cat /proc/self/mountinfo
'
