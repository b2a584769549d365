// Models linux/drivers/net/Makefile: the network drivers built in (loopback is linked through net_dev_init).
import type { kbuild_obj } from '../../init/link_vmlinux.ts';
import * as veth from './veth.ts';
import * as virtio_net from './virtio_net.ts';

export const obj_y: kbuild_obj[] = [veth, virtio_net];
