#!/bin/sh
# A new PID namespace with its own init (pid 1) and a /proc that shows only it.
unshare --pid --fork --mount-proc sh -c '
  echo "pid: $$"
  sleep 30 &
  echo "procs: $(ls /proc | grep "^[0-9]" | tr "\n" " ")"
  grep NSpid /proc/$!/status
'
