#!/bin/sh
# A new UTS namespace: its own hostname, the machine's stays as it was.
unshare --uts sh -c '
  hostname container
  echo "inside: $(hostname) $(readlink /proc/self/ns/uts)"
'
echo "outside: $(hostname) $(readlink /proc/self/ns/uts)"
