// Models linux/include/linux/skbuff.h, minimally: a packet buffer with its headers' offsets, device and protocol.
import type { net_device } from './netdevice.ts';

/** pkt_type (PACKET_* of uapi/linux/if_packet.h) */
/** ip_summed: what the device vouches for about the checksums (CHECKSUM_UNNECESSARY: verified, the stack skips them). */
export const CHECKSUM_NONE = 0, CHECKSUM_UNNECESSARY = 1, CHECKSUM_COMPLETE = 2, CHECKSUM_PARTIAL = 3;

export const PACKET_HOST = 0, PACKET_BROADCAST = 1, PACKET_MULTICAST = 2, PACKET_OTHERHOST = 3, PACKET_OUTGOING = 4, PACKET_LOOPBACK = 5;

/**
 * struct sk_buff: the bytes from the current header on (skb->data .. skb->len).
 * Headers are pushed in front on the way down (skb_push) and pulled on the way up (skb_pull);
 * this model copies instead of keeping headroom, which is enough at these sizes.
 */
export interface sk_buff {
  data: Uint8Array;
  dev: net_device | null;
  /** skb->protocol: the ethertype (ETH_P_IP, ETH_P_ARP), host order here. */
  protocol: number;
  pkt_type: number;
  /** skb->ip_summed (CHECKSUM_*). */
  ip_summed: number;
  /** Offsets (into the original frame) are not kept; the layers pass what they parsed. */
  mac_len: number;
}

export function alloc_skb(data: Uint8Array, dev: net_device | null = null): sk_buff {
  return { data, dev, protocol: 0, pkt_type: PACKET_HOST, ip_summed: CHECKSUM_NONE, mac_len: 0 };
}

export function skb_len(skb: sk_buff): number { return skb.data.length; }

/** skb_push(): room for a header in front; returns it for the caller to fill. */
export function skb_push(skb: sk_buff, len: number): Uint8Array {
  const b = new Uint8Array(len + skb.data.length);
  b.set(skb.data, len);
  skb.data = b;
  return b.subarray(0, len);
}

/** skb_pull(): drops a parsed header from the front. */
export function skb_pull(skb: sk_buff, len: number): Uint8Array {
  const h = skb.data.subarray(0, len);
  skb.data = skb.data.subarray(len);
  return h;
}

/** skb_clone()/skb_copy(): an independent buffer with the same bytes. */
export function skb_copy(skb: sk_buff): sk_buff {
  return { ...skb, data: skb.data.slice() };
}
