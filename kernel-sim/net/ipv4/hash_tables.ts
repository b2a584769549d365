// Models the boot-time hash tables of linux/net/ipv4: route.c's ip_rt_init (IP idents), tcp.c's tcp_init with inet_hashtables.c's inet_hashinfo2_init and inet_hashinfo2_init's Table-perturb, and udp.c's udp_table_init (UDP and UDP-Lite), sized by alloc_large_system_hash from the kernel's memory (thash_entries=/uhash_entries= unset).
import { pr_info } from '../../kernel/printk/printk.ts';
import { alloc_large_system_hash } from '../../mm/mm_init.ts';

/** The bucket sizes of 6.1's x86-64 structs. */
const IP_IDENTS_BUCKET = 4 + 4; // atomic_t ip_idents + u32 ip_tstamps
const INET_LISTEN_HASHBUCKET = 16; // spinlock_t + hlist_nulls_head
const TABLE_PERTURB_ENTRY = 4; // u32
const INET_EHASH_BUCKET = 8; // hlist_nulls_head
const INET_BIND_HASHBUCKET = 16; // spinlock_t + hlist_head
const UDP_HSLOT = 16; // hlist_head + count + spinlock_t
/** CONFIG_INET_TABLE_PERTURB_ORDER=16; UDP_HTABLE_SIZE_MIN without CONFIG_BASE_SMALL. */
const INET_TABLE_PERTURB_SIZE = 1 << 16;
const UDP_HTABLE_SIZE_MIN = 256;

/** ip_rt_init(): one IP-ID bucket per 64 KB, between 2048 and 256K. */
export function ip_rt_init(): void {
  alloc_large_system_hash('IP idents', IP_IDENTS_BUCKET, 0, 16, false, 2048, 256 * 1024);
}

/** tcp_init()'s tables: listening (one slot per 2 MB), the port-offset perturbation, established (per 128 KB) and bind. */
export function tcp_init(): void {
  alloc_large_system_hash('tcp_listen_portaddr_hash', INET_LISTEN_HASHBUCKET, 0, 21, false, 0, 64 * 1024);
  alloc_large_system_hash('Table-perturb', TABLE_PERTURB_ENTRY, INET_TABLE_PERTURB_SIZE, 0, false, INET_TABLE_PERTURB_SIZE, INET_TABLE_PERTURB_SIZE);
  const ehash = alloc_large_system_hash('TCP established', INET_EHASH_BUCKET, 0, 17, false, 0, 512 * 1024);
  const bhash = alloc_large_system_hash('TCP bind', 2 * INET_BIND_HASHBUCKET, ehash, 17, false, 0, 64 * 1024);
  pr_info(`TCP: Hash tables configured (established ${ehash} bind ${bhash})`);
}

/** udp_table_init(): one slot per 2 MB, at least UDP_HTABLE_SIZE_MIN; udp_init's "UDP" and udplite4_register's "UDP-Lite". */
function udp_table_init(name: string): void {
  alloc_large_system_hash(name, 2 * UDP_HSLOT, 0, 21, false, UDP_HTABLE_SIZE_MIN, 64 * 1024);
}
export const udp_init = (): void => udp_table_init('UDP');
export const udplite_table_init = (): void => udp_table_init('UDP-Lite');
