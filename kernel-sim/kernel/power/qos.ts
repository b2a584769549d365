// Models linux/kernel/power/qos.c's CPU latency QoS: cpu_latency_qos_add_request/update/remove and the aggregate the idle governors read (cpu_latency_qos_limit: the smallest request, 2000 s without any), and /dev/cpu_dma_latency (open adds a request, a write of an s32 or of hex text updates it, read gives the aggregate, close removes it).
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations, loff_t } from '../../include/linux/fs_types.ts';
import { EFAULT, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { copy_from_user, copy_to_user } from '../../mm/uaccess.ts';
import { defineState } from '../state.ts';

/** PM_QOS_CPU_LATENCY_DEFAULT_VALUE (µs): no constraint. */
export const PM_QOS_CPU_LATENCY_DEFAULT_VALUE = 2000 * 1_000_000;
/** PM_QOS_DEFAULT_VALUE: a request that asks for the default. */
export const PM_QOS_DEFAULT_VALUE = -1;

export interface pm_qos_request { value: number; active: boolean }

const qosState = defineState('cpu_latency_qos', () => ({
  /** cpu_latency_constraints' list: the active requests. */
  requests: new Set<pm_qos_request>(),
}));

/** cpu_latency_qos_limit(): the smallest requested latency in µs (pm_qos_get_value of a PM_QOS_MIN list). */
export function cpu_latency_qos_limit(): number {
  let v = PM_QOS_CPU_LATENCY_DEFAULT_VALUE;
  for (const r of qosState().requests) v = Math.min(v, r.value);
  return v;
}

/** pm_qos_update_target's value: PM_QOS_DEFAULT_VALUE stands for the list's default. */
const qos_value = (v: number): number => (v === PM_QOS_DEFAULT_VALUE ? PM_QOS_CPU_LATENCY_DEFAULT_VALUE : v);

export function cpu_latency_qos_add_request(req: pm_qos_request, value: number): void {
  if (req.active) return; // "cpu_latency_qos_add_request called for already added request" (a WARN in 6.1)
  req.value = qos_value(value);
  req.active = true;
  qosState().requests.add(req);
}

export function cpu_latency_qos_update_request(req: pm_qos_request, new_value: number): void {
  if (!req.active) return;
  req.value = qos_value(new_value);
}

export function cpu_latency_qos_remove_request(req: pm_qos_request): void {
  if (!req.active) return;
  qosState().requests.delete(req);
  req.active = false;
}

const req_of = (f: file): pm_qos_request | null => f.private_data as pm_qos_request | null;

/** kstrtos32_from_user(buf, count, 16, &value): hex text with an optional 0x and trailing newline. */
function parse_hex_s32(s: string): number | null {
  const t = s.replace(/\n$/, '');
  const m = /^([+-]?)(?:0[xX])?([0-9a-fA-F]+)$/.exec(t);
  if (!m) return null;
  const v = (m[1] === '-' ? -1 : 1) * parseInt(m[2]!, 16);
  return v >= -(2 ** 31) && v < 2 ** 31 ? v : null;
}

/** cpu_latency_qos_fops: what /dev/cpu_dma_latency opens with. */
export const cpu_latency_qos_fops: file_operations = {
  open: function* (_inode, filp): KGen<number> {
    const req: pm_qos_request = { value: 0, active: false };
    cpu_latency_qos_add_request(req, PM_QOS_DEFAULT_VALUE);
    filp.private_data = req;
    return 0;
  },
  release: function* (_inode, filp): KGen<number> {
    const req = req_of(filp);
    filp.private_data = null;
    if (req) cpu_latency_qos_remove_request(req);
    return 0;
  },
  read: function* (filp, buf, count, ppos: loff_t): KGen<number> {
    const req = req_of(filp);
    if (!req || !req.active) return -EINVAL;
    const v = new Uint8Array(4);
    new DataView(v.buffer).setInt32(0, cpu_latency_qos_limit(), true);
    // simple_read_from_buffer(): what is left of the four bytes from *ppos.
    const n = Math.max(0, Math.min(count, 4 - ppos.pos));
    if (!n) return 0;
    if (copy_to_user(buf, v.subarray(ppos.pos, ppos.pos + n))) return -EFAULT;
    ppos.pos += n;
    return n;
  },
  write: function* (filp, buf, count): KGen<number> {
    const data = copy_from_user(buf, count);
    if (!data) return -EFAULT;
    let value: number | null;
    if (count === 4) value = new DataView(data.buffer, data.byteOffset, 4).getInt32(0, true);
    else value = parse_hex_s32(new TextDecoder().decode(data));
    if (value === null) return -EINVAL;
    const req = req_of(filp);
    if (req) cpu_latency_qos_update_request(req, value);
    return count;
  },
};
