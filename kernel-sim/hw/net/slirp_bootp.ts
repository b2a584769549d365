// Models libslirp's bootp.c (QEMU's -netdev user DHCP server): DHCPDISCOVER gets an OFFER and DHCPREQUEST an ACK of the next free address from 10.0.2.15 per client MAC, with the user network's mask, gateway and DNS address and a one-day lease, broadcast back from the gateway's port 67.

/** vdhcp_start: the first address handed out (10.0.2.15); NB_BOOTP_CLIENTS of them. */
export const SLIRP_VDHCP_START = 0x0a00020f;
const NB_BOOTP_CLIENTS = 16;
/** LEASE_TIME: 24 hours. */
export const SLIRP_LEASE_TIME = 24 * 3600;
export const BOOTP_SERVER = 67, BOOTP_CLIENT = 68;
const BOOTP_REQUEST = 1, BOOTP_REPLY = 2;
const DHCPDISCOVER = 1, DHCPOFFER = 2, DHCPREQUEST = 3, DHCPACK = 5, DHCPNAK = 6;
const RFC1533_NETMASK = 1, RFC1533_GATEWAY = 3, RFC1533_DNS = 6, RFC2132_REQ_ADDR = 50, RFC2132_LEASE_TIME = 51;
const RFC2132_MSG_TYPE = 53, RFC2132_SRV_ID = 54, RFC1533_PAD = 0, RFC1533_END = 255;
const MAGIC = [99, 130, 83, 99];
/** struct bootp_t's BOOTP part with its 312-byte vendor area: the UDP payload of every reply. */
const BOOTP_REPLY_LEN = 236 + 312;

/** What the user network tells a client: its addresses (slirp's vhost, vnetmask, vnameserver). */
export interface bootp_config { vhost: number; netmask: number; nameserver: number }

/** One UDP datagram to or from port 67: the server builds its replies from these. */
export interface bootp_datagram { src: number; dst: number; sport: number; dport: number; payload: Uint8Array }

const be32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u32 = (v: number): number[] => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

/** dhcp_decode(): the message type and requested address from the options after the magic cookie. */
function dhcp_decode(p: Uint8Array): { type: number; req_addr: number } {
  let type = 0, req_addr = 0;
  if (p.length < 240 || MAGIC.some((m, i) => p[236 + i] !== m)) return { type, req_addr };
  for (let i = 240; i < p.length;) {
    const tag = p[i]!;
    if (tag === RFC1533_PAD) { i++; continue; }
    if (tag === RFC1533_END || i + 1 >= p.length) break;
    const len = p[i + 1]!, v = i + 2;
    if (v + len > p.length) break;
    if (tag === RFC2132_MSG_TYPE && len >= 1) type = p[v]!;
    else if (tag === RFC2132_REQ_ADDR && len === 4) req_addr = be32(p, v);
    i = v + len;
  }
  return { type, req_addr };
}

/** The server's table of clients (bootp_clients): MAC -> address, in allocation order. */
export class BootpServer {
  private readonly clients: (string | null)[] = new Array<string | null>(NB_BOOTP_CLIENTS).fill(null);

  constructor(private readonly cfg: bootp_config) {}

  /** find_addr/get_new_addr: the client's address, allocating the first free one for a new MAC. */
  private addr_for(mac: string, allocate: boolean): number | null {
    let i = this.clients.indexOf(mac);
    if (i < 0 && allocate) { i = this.clients.indexOf(null); if (i >= 0) this.clients[i] = mac; }
    return i < 0 ? null : SLIRP_VDHCP_START + i;
  }

  /** bootp_input() -> bootp_reply(): the reply datagram to send back, or null (not a request we answer). */
  input(d: bootp_datagram): bootp_datagram | null {
    const p = d.payload;
    if (d.dport !== BOOTP_SERVER || p.length < 240 || p[0] !== BOOTP_REQUEST || p[1] !== 1 || p[2] !== 6) return null;
    const mac = [...p.subarray(28, 34)].map((b) => b.toString(16).padStart(2, '0')).join(':');
    const { type, req_addr } = dhcp_decode(p);
    let reply_type: number, yiaddr = 0;
    if (type === DHCPDISCOVER) {
      const a = this.addr_for(mac, true);
      if (a === null) return null; // "no address left"
      reply_type = DHCPOFFER; yiaddr = a;
    } else if (type === DHCPREQUEST) {
      // A renewal names its address in ciaddr; a selecting client in the requested-address option.
      const want = req_addr || be32(p, 12);
      const a = this.addr_for(mac, false) ?? (want ? this.claim(mac, want) : null);
      if (a === null || (want && want !== a)) reply_type = DHCPNAK;
      else { reply_type = DHCPACK; yiaddr = a; }
    } else {
      return null;
    }
    const r = new Uint8Array(BOOTP_REPLY_LEN);
    r[0] = BOOTP_REPLY; r[1] = 1; r[2] = 6;
    r.set(p.subarray(4, 8), 4); // xid
    r.set(u32(yiaddr), 16); r.set(u32(this.cfg.vhost), 20); // yiaddr, siaddr
    r.set(p.subarray(28, 44), 28); // chaddr
    const opts = [...MAGIC, RFC2132_MSG_TYPE, 1, reply_type, RFC2132_SRV_ID, 4, ...u32(this.cfg.vhost)];
    if (reply_type !== DHCPNAK) {
      opts.push(RFC2132_LEASE_TIME, 4, ...u32(SLIRP_LEASE_TIME), RFC1533_NETMASK, 4, ...u32(this.cfg.netmask),
        RFC1533_GATEWAY, 4, ...u32(this.cfg.vhost), RFC1533_DNS, 4, ...u32(this.cfg.nameserver));
    }
    opts.push(RFC1533_END);
    r.set(opts, 236);
    return { src: this.cfg.vhost, dst: 0xffffffff, sport: BOOTP_SERVER, dport: BOOTP_CLIENT, payload: r };
  }

  /** request_addr on a REQUEST from a client slirp has not seen (it rebooted): the address, if in range and free. */
  private claim(mac: string, want: number): number | null {
    const i = want - SLIRP_VDHCP_START;
    if (i < 0 || i >= NB_BOOTP_CLIENTS || this.clients[i] !== null) return null;
    this.clients[i] = mac;
    return want;
  }
}
