// Models linux/net/Makefile: net/'s units in link order.
import type { kbuild_obj } from '../init/link_vmlinux.ts';
import * as net_namespace from './core/net_namespace.ts';
import * as socket from './socket.ts';
import * as af_netlink from './netlink/af_netlink.ts';
import * as rtnetlink from './core/rtnetlink.ts';
import * as dev_init from './core/dev_init.ts';
import * as af_inet from './ipv4/af_inet.ts';
import * as proc_net_files from './core/proc_net_files.ts';
import * as af_packet from './packet/af_packet.ts';

export const obj_y: kbuild_obj[] = [net_namespace, socket, af_netlink, rtnetlink, dev_init, af_inet, proc_net_files, af_packet];
