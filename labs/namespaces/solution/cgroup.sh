#!/bin/sh
# Limits that hold a group of processes: pids.max against a fork bomb, memory.max against a hog.
cd /sys/fs/cgroup
echo "+pids +memory" > cgroup.subtree_control
mkdir box
echo 10 > box/pids.max
echo 16M > box/memory.max
sh -c '
  echo $$ > /sys/fs/cgroup/box/cgroup.procs
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do sleep 2 & done
  wait
'
echo "pids.events: $(cat box/pids.events)"
sh -c 'echo $$ > /sys/fs/cgroup/box/cgroup.procs; exec /root/work/hog > /dev/null'
echo "hog: status $?"
grep oom_kill box/memory.events
