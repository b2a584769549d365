// The network tools' registrations: ip (iproute2/busybox), ping (iputils), nc (busybox netcat).
import type { program } from '../index.ts';
import { ip_main } from './ip.ts';
import { ping_main } from './ping.ts';
import { nc_main } from './nc.ts';

export const net_programs: Record<string, program> = {
  ip: { main: ip_main, path: '/sbin/ip', aliases: ['/bin/ip'] },
  ping: { main: ping_main, path: '/bin/ping' },
  nc: { main: nc_main, path: '/bin/nc' },
};
