#!/bin/sh
# A network namespace joined to the machine's by a veth pair.
ip link add veth0 type veth peer name veth1
unshare --net sleep 60 &
BOX=$!
sleep 1
ip link set veth1 netns $BOX
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
nsenter --target $BOX --net sh -c '
  ip link set lo up
  ip addr add 10.0.0.2/24 dev veth1
  ip link set veth1 up
  echo "inside: $(readlink /proc/self/ns/net)"
  ip addr show veth1
'
echo "outside: $(readlink /proc/self/ns/net)"
ping -c 2 10.0.0.2
