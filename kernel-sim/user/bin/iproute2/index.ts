// The network tools' registrations: ip (iproute2/busybox), ping (iputils), nc (busybox netcat), udhcpc (busybox) and its default script.
import type { program } from '../index.ts';
import { ip_main } from './ip.ts';
import { ping_main } from './ping.ts';
import { nc_main } from './nc.ts';
import { udhcpc_main, UDHCPC_DEFAULT_SCRIPT } from './udhcpc.ts';

export const net_programs: Record<string, program> = {
  ip: { main: ip_main, path: '/sbin/ip', aliases: ['/bin/ip'] },
  ping: { main: ping_main, path: '/bin/ping' },
  nc: { main: nc_main, path: '/bin/nc' },
  udhcpc: { main: udhcpc_main, path: '/sbin/udhcpc' },
};

/**
 * The udhcpc package's default script: deconfig brings the interface up without an address; bound and renew set the
 * leased address, the routers as default routes and the DNS servers in /etc/resolv.conf (the environment udhcpc fills).
 */
const DEFAULT_SCRIPT = `#!/bin/sh
# udhcpc script: $1 is the event, the lease is in the environment.
[ -z "$1" ] && echo "Error: should be called from udhcpc" && exit 1
RESOLV_CONF=/etc/resolv.conf
case "$1" in
	deconfig)
		ip link set dev $interface up
		;;
	bound|renew)
		BROADCAST="broadcast +"
		[ -n "$broadcast" ] && BROADCAST="broadcast $broadcast"
		ip addr add $ip/$mask $BROADCAST dev $interface 2>/dev/null
		if [ -n "$router" ]; then
			for i in $router; do
				ip route add default via $i dev $interface 2>/dev/null
			done
		fi
		echo -n > $RESOLV_CONF
		[ -n "$domain" ] && echo "search $domain" >> $RESOLV_CONF
		for i in $dns; do
			echo "nameserver $i" >> $RESOLV_CONF
		done
		;;
esac
exit 0
`;

export const net_dirs: [string, number][] = [['/etc/udhcpc', 0o755]];
export const net_files: [string, number, string][] = [[UDHCPC_DEFAULT_SCRIPT, 0o755, DEFAULT_SCRIPT]];
