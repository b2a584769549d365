// Generated typed views of kernel structs in the kernel memory, from kernel-sim/toolchain/layouts; run scripts/gen-headers.ts, do not edit.
//
// `file_view(addr).f_pos` reads the loff_t at addr + its offset; 64-bit fields are numbers (exact below 2^53),
// embedded structs are views, arrays are `name_at(i)`. Offsets are constants in each class (OFF) and in the code.
import { kread_bool, kread_i16, kread_i32, kread_i64_num, kread_i8, kread_u16, kread_u32, kread_u64_num, kread_u8, kwrite_bool, kwrite_i32, kwrite_i64_num, kwrite_u16, kwrite_u32, kwrite_u8 } from '../../mm/kmem.ts';

export class struct_atomic_t {
  static readonly SIZE = 4;
  static readonly OFF = { counter: 0 } as const;
  constructor(readonly addr: number) {}
  get counter(): number { return kread_i32(this.addr); }
  set counter(v: number) { kwrite_i32(this.addr, v); }
}
export const atomic_t_view = (addr: number): struct_atomic_t => new struct_atomic_t(addr);

export class struct_atomic64_t {
  static readonly SIZE = 8;
  static readonly OFF = { counter: 0 } as const;
  constructor(readonly addr: number) {}
  get counter(): number { return kread_i64_num(this.addr); }
  set counter(v: number) { kwrite_i64_num(this.addr, v); }
}
export const atomic64_t_view = (addr: number): struct_atomic64_t => new struct_atomic64_t(addr);

export class struct_attribute {
  static readonly SIZE = 8;
  static readonly OFF = { name: 0, mode: 4 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get mode(): number { return kread_u16(this.addr + 4); }
  set mode(v: number) { kwrite_u16(this.addr + 4, v); }
}
export const attribute_view = (addr: number): struct_attribute => new struct_attribute(addr);

export class struct_attribute_group {
  static readonly SIZE = 20;
  static readonly OFF = { name: 0, is_visible: 4, is_bin_visible: 8, attrs: 12, bin_attrs: 16 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get is_visible(): number { return kread_u32(this.addr + 4); }
  set is_visible(v: number) { kwrite_u32(this.addr + 4, v); }
  get is_bin_visible(): number { return kread_u32(this.addr + 8); }
  set is_bin_visible(v: number) { kwrite_u32(this.addr + 8, v); }
  get attrs(): number { return kread_u32(this.addr + 12); }
  set attrs(v: number) { kwrite_u32(this.addr + 12, v); }
  get bin_attrs(): number { return kread_u32(this.addr + 16); }
  set bin_attrs(v: number) { kwrite_u32(this.addr + 16, v); }
}
export const attribute_group_view = (addr: number): struct_attribute_group => new struct_attribute_group(addr);

export class struct_bio {
  static readonly SIZE = 80;
  static readonly OFF = { bi_next: 0, bi_bdev: 4, bi_opf: 8, bi_flags: 12, bi_ioprio: 14, bi_status: 16, __bi_remaining: 20, bi_iter: 24, bi_cookie: 48, bi_end_io: 52, bi_private: 56, bi_vcnt: 60, bi_max_vecs: 62, __bi_cnt: 64, bi_io_vec: 68, bi_pool: 72 } as const;
  constructor(readonly addr: number) {}
  get bi_next(): number { return kread_u32(this.addr); }
  set bi_next(v: number) { kwrite_u32(this.addr, v); }
  get bi_bdev(): number { return kread_u32(this.addr + 4); }
  set bi_bdev(v: number) { kwrite_u32(this.addr + 4, v); }
  get bi_opf(): number { return kread_u32(this.addr + 8); }
  set bi_opf(v: number) { kwrite_u32(this.addr + 8, v); }
  get bi_flags(): number { return kread_u16(this.addr + 12); }
  set bi_flags(v: number) { kwrite_u16(this.addr + 12, v); }
  get bi_ioprio(): number { return kread_u16(this.addr + 14); }
  set bi_ioprio(v: number) { kwrite_u16(this.addr + 14, v); }
  get bi_status(): number { return kread_u8(this.addr + 16); }
  set bi_status(v: number) { kwrite_u8(this.addr + 16, v); }
  get __bi_remaining(): struct_atomic_t { return new struct_atomic_t(this.addr + 20); }
  get bi_iter(): struct_bvec_iter { return new struct_bvec_iter(this.addr + 24); }
  get bi_cookie(): number { return kread_u32(this.addr + 48); }
  set bi_cookie(v: number) { kwrite_u32(this.addr + 48, v); }
  get bi_end_io(): number { return kread_u32(this.addr + 52); }
  set bi_end_io(v: number) { kwrite_u32(this.addr + 52, v); }
  get bi_private(): number { return kread_u32(this.addr + 56); }
  set bi_private(v: number) { kwrite_u32(this.addr + 56, v); }
  get bi_vcnt(): number { return kread_u16(this.addr + 60); }
  set bi_vcnt(v: number) { kwrite_u16(this.addr + 60, v); }
  get bi_max_vecs(): number { return kread_u16(this.addr + 62); }
  set bi_max_vecs(v: number) { kwrite_u16(this.addr + 62, v); }
  get __bi_cnt(): struct_atomic_t { return new struct_atomic_t(this.addr + 64); }
  get bi_io_vec(): number { return kread_u32(this.addr + 68); }
  set bi_io_vec(v: number) { kwrite_u32(this.addr + 68, v); }
  get bi_pool(): number { return kread_u32(this.addr + 72); }
  set bi_pool(v: number) { kwrite_u32(this.addr + 72, v); }
}
export const bio_view = (addr: number): struct_bio => new struct_bio(addr);

export class struct_bio_vec {
  static readonly SIZE = 12;
  static readonly OFF = { bv_page: 0, bv_len: 4, bv_offset: 8 } as const;
  constructor(readonly addr: number) {}
  get bv_page(): number { return kread_u32(this.addr); }
  set bv_page(v: number) { kwrite_u32(this.addr, v); }
  get bv_len(): number { return kread_u32(this.addr + 4); }
  set bv_len(v: number) { kwrite_u32(this.addr + 4, v); }
  get bv_offset(): number { return kread_u32(this.addr + 8); }
  set bv_offset(v: number) { kwrite_u32(this.addr + 8, v); }
}
export const bio_vec_view = (addr: number): struct_bio_vec => new struct_bio_vec(addr);

export class struct_blk_mq_hw_ctx {
  static readonly SIZE = 48;
  static readonly OFF = { flags: 0, sched_data: 4, queue: 8, fq: 12, driver_data: 16, type: 20, nr_ctx: 22, tags: 24, sched_tags: 28, queued: 32, run: 36, numa_node: 40, queue_num: 44 } as const;
  constructor(readonly addr: number) {}
  get flags(): number { return kread_u32(this.addr); }
  set flags(v: number) { kwrite_u32(this.addr, v); }
  get sched_data(): number { return kread_u32(this.addr + 4); }
  set sched_data(v: number) { kwrite_u32(this.addr + 4, v); }
  get queue(): number { return kread_u32(this.addr + 8); }
  set queue(v: number) { kwrite_u32(this.addr + 8, v); }
  get fq(): number { return kread_u32(this.addr + 12); }
  set fq(v: number) { kwrite_u32(this.addr + 12, v); }
  get driver_data(): number { return kread_u32(this.addr + 16); }
  set driver_data(v: number) { kwrite_u32(this.addr + 16, v); }
  get type(): number { return kread_u16(this.addr + 20); }
  set type(v: number) { kwrite_u16(this.addr + 20, v); }
  get nr_ctx(): number { return kread_u16(this.addr + 22); }
  set nr_ctx(v: number) { kwrite_u16(this.addr + 22, v); }
  get tags(): number { return kread_u32(this.addr + 24); }
  set tags(v: number) { kwrite_u32(this.addr + 24, v); }
  get sched_tags(): number { return kread_u32(this.addr + 28); }
  set sched_tags(v: number) { kwrite_u32(this.addr + 28, v); }
  get queued(): number { return kread_u32(this.addr + 32); }
  set queued(v: number) { kwrite_u32(this.addr + 32, v); }
  get run(): number { return kread_u32(this.addr + 36); }
  set run(v: number) { kwrite_u32(this.addr + 36, v); }
  get numa_node(): number { return kread_u32(this.addr + 40); }
  set numa_node(v: number) { kwrite_u32(this.addr + 40, v); }
  get queue_num(): number { return kread_u32(this.addr + 44); }
  set queue_num(v: number) { kwrite_u32(this.addr + 44, v); }
}
export const blk_mq_hw_ctx_view = (addr: number): struct_blk_mq_hw_ctx => new struct_blk_mq_hw_ctx(addr);

export class struct_blk_mq_ops {
  static readonly SIZE = 68;
  static readonly OFF = { queue_rq: 0, commit_rqs: 4, queue_rqs: 8, get_budget: 12, put_budget: 16, set_rq_budget_token: 20, get_rq_budget_token: 24, timeout: 28, poll: 32, complete: 36, init_hctx: 40, exit_hctx: 44, init_request: 48, exit_request: 52, cleanup_rq: 56, busy: 60, map_queues: 64 } as const;
  constructor(readonly addr: number) {}
  get queue_rq(): number { return kread_u32(this.addr); }
  set queue_rq(v: number) { kwrite_u32(this.addr, v); }
  get commit_rqs(): number { return kread_u32(this.addr + 4); }
  set commit_rqs(v: number) { kwrite_u32(this.addr + 4, v); }
  get queue_rqs(): number { return kread_u32(this.addr + 8); }
  set queue_rqs(v: number) { kwrite_u32(this.addr + 8, v); }
  get get_budget(): number { return kread_u32(this.addr + 12); }
  set get_budget(v: number) { kwrite_u32(this.addr + 12, v); }
  get put_budget(): number { return kread_u32(this.addr + 16); }
  set put_budget(v: number) { kwrite_u32(this.addr + 16, v); }
  get set_rq_budget_token(): number { return kread_u32(this.addr + 20); }
  set set_rq_budget_token(v: number) { kwrite_u32(this.addr + 20, v); }
  get get_rq_budget_token(): number { return kread_u32(this.addr + 24); }
  set get_rq_budget_token(v: number) { kwrite_u32(this.addr + 24, v); }
  get timeout(): number { return kread_u32(this.addr + 28); }
  set timeout(v: number) { kwrite_u32(this.addr + 28, v); }
  get poll(): number { return kread_u32(this.addr + 32); }
  set poll(v: number) { kwrite_u32(this.addr + 32, v); }
  get complete(): number { return kread_u32(this.addr + 36); }
  set complete(v: number) { kwrite_u32(this.addr + 36, v); }
  get init_hctx(): number { return kread_u32(this.addr + 40); }
  set init_hctx(v: number) { kwrite_u32(this.addr + 40, v); }
  get exit_hctx(): number { return kread_u32(this.addr + 44); }
  set exit_hctx(v: number) { kwrite_u32(this.addr + 44, v); }
  get init_request(): number { return kread_u32(this.addr + 48); }
  set init_request(v: number) { kwrite_u32(this.addr + 48, v); }
  get exit_request(): number { return kread_u32(this.addr + 52); }
  set exit_request(v: number) { kwrite_u32(this.addr + 52, v); }
  get cleanup_rq(): number { return kread_u32(this.addr + 56); }
  set cleanup_rq(v: number) { kwrite_u32(this.addr + 56, v); }
  get busy(): number { return kread_u32(this.addr + 60); }
  set busy(v: number) { kwrite_u32(this.addr + 60, v); }
  get map_queues(): number { return kread_u32(this.addr + 64); }
  set map_queues(v: number) { kwrite_u32(this.addr + 64, v); }
}
export const blk_mq_ops_view = (addr: number): struct_blk_mq_ops => new struct_blk_mq_ops(addr);

export class struct_blk_mq_queue_data {
  static readonly SIZE = 8;
  static readonly OFF = { rq: 0, last: 4 } as const;
  constructor(readonly addr: number) {}
  get rq(): number { return kread_u32(this.addr); }
  set rq(v: number) { kwrite_u32(this.addr, v); }
  get last(): boolean { return kread_bool(this.addr + 4); }
  set last(v: boolean) { kwrite_bool(this.addr + 4, v); }
}
export const blk_mq_queue_data_view = (addr: number): struct_blk_mq_queue_data => new struct_blk_mq_queue_data(addr);

export class struct_blk_mq_queue_map {
  static readonly SIZE = 12;
  static readonly OFF = { mq_map: 0, nr_queues: 4, queue_offset: 8 } as const;
  constructor(readonly addr: number) {}
  get mq_map(): number { return kread_u32(this.addr); }
  set mq_map(v: number) { kwrite_u32(this.addr, v); }
  get nr_queues(): number { return kread_u32(this.addr + 4); }
  set nr_queues(v: number) { kwrite_u32(this.addr + 4, v); }
  get queue_offset(): number { return kread_u32(this.addr + 8); }
  set queue_offset(v: number) { kwrite_u32(this.addr + 8, v); }
}
export const blk_mq_queue_map_view = (addr: number): struct_blk_mq_queue_map => new struct_blk_mq_queue_map(addr);

export class struct_blk_mq_tag_set {
  static readonly SIZE = 124;
  static readonly OFF = { map: 0, nr_maps: 36, ops: 40, nr_hw_queues: 44, queue_depth: 48, reserved_tags: 52, cmd_size: 56, numa_node: 60, timeout: 64, flags: 68, driver_data: 72, tags: 76, shared_tags: 80, tag_list_lock: 84, tag_list: 116 } as const;
  constructor(readonly addr: number) {}
  map_at(i: number): struct_blk_mq_queue_map { return new struct_blk_mq_queue_map(this.addr + i * 12); }
  get nr_maps(): number { return kread_u32(this.addr + 36); }
  set nr_maps(v: number) { kwrite_u32(this.addr + 36, v); }
  get ops(): number { return kread_u32(this.addr + 40); }
  set ops(v: number) { kwrite_u32(this.addr + 40, v); }
  get nr_hw_queues(): number { return kread_u32(this.addr + 44); }
  set nr_hw_queues(v: number) { kwrite_u32(this.addr + 44, v); }
  get queue_depth(): number { return kread_u32(this.addr + 48); }
  set queue_depth(v: number) { kwrite_u32(this.addr + 48, v); }
  get reserved_tags(): number { return kread_u32(this.addr + 52); }
  set reserved_tags(v: number) { kwrite_u32(this.addr + 52, v); }
  get cmd_size(): number { return kread_u32(this.addr + 56); }
  set cmd_size(v: number) { kwrite_u32(this.addr + 56, v); }
  get numa_node(): number { return kread_i32(this.addr + 60); }
  set numa_node(v: number) { kwrite_i32(this.addr + 60, v); }
  get timeout(): number { return kread_u32(this.addr + 64); }
  set timeout(v: number) { kwrite_u32(this.addr + 64, v); }
  get flags(): number { return kread_u32(this.addr + 68); }
  set flags(v: number) { kwrite_u32(this.addr + 68, v); }
  get driver_data(): number { return kread_u32(this.addr + 72); }
  set driver_data(v: number) { kwrite_u32(this.addr + 72, v); }
  get tags(): number { return kread_u32(this.addr + 76); }
  set tags(v: number) { kwrite_u32(this.addr + 76, v); }
  get shared_tags(): number { return kread_u32(this.addr + 80); }
  set shared_tags(v: number) { kwrite_u32(this.addr + 80, v); }
  get tag_list_lock(): struct_mutex { return new struct_mutex(this.addr + 84); }
  get tag_list(): struct_list_head { return new struct_list_head(this.addr + 116); }
}
export const blk_mq_tag_set_view = (addr: number): struct_blk_mq_tag_set => new struct_blk_mq_tag_set(addr);

export class struct_block_device {
  static readonly SIZE = 80;
  static readonly OFF = { bd_start_sect: 0, bd_nr_sectors: 8, bd_stats: 16, bd_stamp: 20, bd_read_only: 24, bd_dev: 28, bd_openers: 32, bd_inode: 36, bd_super: 40, bd_claiming: 44, bd_holder: 48, bd_holders: 52, bd_write_holder: 56, bd_holder_dir: 60, bd_partno: 64, bd_disk: 68, bd_queue: 72 } as const;
  constructor(readonly addr: number) {}
  get bd_start_sect(): number { return kread_u64_num(this.addr); }
  set bd_start_sect(v: number) { kwrite_i64_num(this.addr, v); }
  get bd_nr_sectors(): number { return kread_u64_num(this.addr + 8); }
  set bd_nr_sectors(v: number) { kwrite_i64_num(this.addr + 8, v); }
  get bd_stats(): number { return kread_u32(this.addr + 16); }
  set bd_stats(v: number) { kwrite_u32(this.addr + 16, v); }
  get bd_stamp(): number { return kread_u32(this.addr + 20); }
  set bd_stamp(v: number) { kwrite_u32(this.addr + 20, v); }
  get bd_read_only(): boolean { return kread_bool(this.addr + 24); }
  set bd_read_only(v: boolean) { kwrite_bool(this.addr + 24, v); }
  get bd_dev(): number { return kread_u32(this.addr + 28); }
  set bd_dev(v: number) { kwrite_u32(this.addr + 28, v); }
  get bd_openers(): struct_atomic_t { return new struct_atomic_t(this.addr + 32); }
  get bd_inode(): number { return kread_u32(this.addr + 36); }
  set bd_inode(v: number) { kwrite_u32(this.addr + 36, v); }
  get bd_super(): number { return kread_u32(this.addr + 40); }
  set bd_super(v: number) { kwrite_u32(this.addr + 40, v); }
  get bd_claiming(): number { return kread_u32(this.addr + 44); }
  set bd_claiming(v: number) { kwrite_u32(this.addr + 44, v); }
  get bd_holder(): number { return kread_u32(this.addr + 48); }
  set bd_holder(v: number) { kwrite_u32(this.addr + 48, v); }
  get bd_holders(): number { return kread_i32(this.addr + 52); }
  set bd_holders(v: number) { kwrite_i32(this.addr + 52, v); }
  get bd_write_holder(): boolean { return kread_bool(this.addr + 56); }
  set bd_write_holder(v: boolean) { kwrite_bool(this.addr + 56, v); }
  get bd_holder_dir(): number { return kread_u32(this.addr + 60); }
  set bd_holder_dir(v: number) { kwrite_u32(this.addr + 60, v); }
  get bd_partno(): number { return kread_u8(this.addr + 64); }
  set bd_partno(v: number) { kwrite_u8(this.addr + 64, v); }
  get bd_disk(): number { return kread_u32(this.addr + 68); }
  set bd_disk(v: number) { kwrite_u32(this.addr + 68, v); }
  get bd_queue(): number { return kread_u32(this.addr + 72); }
  set bd_queue(v: number) { kwrite_u32(this.addr + 72, v); }
}
export const block_device_view = (addr: number): struct_block_device => new struct_block_device(addr);

export class struct_block_device_operations {
  static readonly SIZE = 76;
  static readonly OFF = { submit_bio: 0, poll_bio: 4, open: 8, release: 12, rw_page: 16, ioctl: 20, compat_ioctl: 24, check_events: 28, unlock_native_capacity: 32, getgeo: 36, set_read_only: 40, free_disk: 44, swap_slot_free_notify: 48, report_zones: 52, devnode: 56, get_unique_id: 60, owner: 64, pr_ops: 68, alternative_gpt_sector: 72 } as const;
  constructor(readonly addr: number) {}
  get submit_bio(): number { return kread_u32(this.addr); }
  set submit_bio(v: number) { kwrite_u32(this.addr, v); }
  get poll_bio(): number { return kread_u32(this.addr + 4); }
  set poll_bio(v: number) { kwrite_u32(this.addr + 4, v); }
  get open(): number { return kread_u32(this.addr + 8); }
  set open(v: number) { kwrite_u32(this.addr + 8, v); }
  get release(): number { return kread_u32(this.addr + 12); }
  set release(v: number) { kwrite_u32(this.addr + 12, v); }
  get rw_page(): number { return kread_u32(this.addr + 16); }
  set rw_page(v: number) { kwrite_u32(this.addr + 16, v); }
  get ioctl(): number { return kread_u32(this.addr + 20); }
  set ioctl(v: number) { kwrite_u32(this.addr + 20, v); }
  get compat_ioctl(): number { return kread_u32(this.addr + 24); }
  set compat_ioctl(v: number) { kwrite_u32(this.addr + 24, v); }
  get check_events(): number { return kread_u32(this.addr + 28); }
  set check_events(v: number) { kwrite_u32(this.addr + 28, v); }
  get unlock_native_capacity(): number { return kread_u32(this.addr + 32); }
  set unlock_native_capacity(v: number) { kwrite_u32(this.addr + 32, v); }
  get getgeo(): number { return kread_u32(this.addr + 36); }
  set getgeo(v: number) { kwrite_u32(this.addr + 36, v); }
  get set_read_only(): number { return kread_u32(this.addr + 40); }
  set set_read_only(v: number) { kwrite_u32(this.addr + 40, v); }
  get free_disk(): number { return kread_u32(this.addr + 44); }
  set free_disk(v: number) { kwrite_u32(this.addr + 44, v); }
  get swap_slot_free_notify(): number { return kread_u32(this.addr + 48); }
  set swap_slot_free_notify(v: number) { kwrite_u32(this.addr + 48, v); }
  get report_zones(): number { return kread_u32(this.addr + 52); }
  set report_zones(v: number) { kwrite_u32(this.addr + 52, v); }
  get devnode(): number { return kread_u32(this.addr + 56); }
  set devnode(v: number) { kwrite_u32(this.addr + 56, v); }
  get get_unique_id(): number { return kread_u32(this.addr + 60); }
  set get_unique_id(v: number) { kwrite_u32(this.addr + 60, v); }
  get owner(): number { return kread_u32(this.addr + 64); }
  set owner(v: number) { kwrite_u32(this.addr + 64, v); }
  get pr_ops(): number { return kread_u32(this.addr + 68); }
  set pr_ops(v: number) { kwrite_u32(this.addr + 68, v); }
  get alternative_gpt_sector(): number { return kread_u32(this.addr + 72); }
  set alternative_gpt_sector(v: number) { kwrite_u32(this.addr + 72, v); }
}
export const block_device_operations_view = (addr: number): struct_block_device_operations => new struct_block_device_operations(addr);

export class struct_bus_type {
  static readonly SIZE = 92;
  static readonly OFF = { name: 0, dev_name: 4, dev_root: 8, bus_groups: 12, dev_groups: 16, drv_groups: 20, match: 24, uevent: 28, probe: 32, sync_state: 36, remove: 40, shutdown: 44, online: 48, offline: 52, suspend: 56, resume: 60, num_vf: 64, dma_configure: 68, dma_cleanup: 72, pm: 76, iommu_ops: 80, p: 84, need_parent_lock: 88 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get dev_name(): number { return kread_u32(this.addr + 4); }
  set dev_name(v: number) { kwrite_u32(this.addr + 4, v); }
  get dev_root(): number { return kread_u32(this.addr + 8); }
  set dev_root(v: number) { kwrite_u32(this.addr + 8, v); }
  get bus_groups(): number { return kread_u32(this.addr + 12); }
  set bus_groups(v: number) { kwrite_u32(this.addr + 12, v); }
  get dev_groups(): number { return kread_u32(this.addr + 16); }
  set dev_groups(v: number) { kwrite_u32(this.addr + 16, v); }
  get drv_groups(): number { return kread_u32(this.addr + 20); }
  set drv_groups(v: number) { kwrite_u32(this.addr + 20, v); }
  get match(): number { return kread_u32(this.addr + 24); }
  set match(v: number) { kwrite_u32(this.addr + 24, v); }
  get uevent(): number { return kread_u32(this.addr + 28); }
  set uevent(v: number) { kwrite_u32(this.addr + 28, v); }
  get probe(): number { return kread_u32(this.addr + 32); }
  set probe(v: number) { kwrite_u32(this.addr + 32, v); }
  get sync_state(): number { return kread_u32(this.addr + 36); }
  set sync_state(v: number) { kwrite_u32(this.addr + 36, v); }
  get remove(): number { return kread_u32(this.addr + 40); }
  set remove(v: number) { kwrite_u32(this.addr + 40, v); }
  get shutdown(): number { return kread_u32(this.addr + 44); }
  set shutdown(v: number) { kwrite_u32(this.addr + 44, v); }
  get online(): number { return kread_u32(this.addr + 48); }
  set online(v: number) { kwrite_u32(this.addr + 48, v); }
  get offline(): number { return kread_u32(this.addr + 52); }
  set offline(v: number) { kwrite_u32(this.addr + 52, v); }
  get suspend(): number { return kread_u32(this.addr + 56); }
  set suspend(v: number) { kwrite_u32(this.addr + 56, v); }
  get resume(): number { return kread_u32(this.addr + 60); }
  set resume(v: number) { kwrite_u32(this.addr + 60, v); }
  get num_vf(): number { return kread_u32(this.addr + 64); }
  set num_vf(v: number) { kwrite_u32(this.addr + 64, v); }
  get dma_configure(): number { return kread_u32(this.addr + 68); }
  set dma_configure(v: number) { kwrite_u32(this.addr + 68, v); }
  get dma_cleanup(): number { return kread_u32(this.addr + 72); }
  set dma_cleanup(v: number) { kwrite_u32(this.addr + 72, v); }
  get pm(): number { return kread_u32(this.addr + 76); }
  set pm(v: number) { kwrite_u32(this.addr + 76, v); }
  get iommu_ops(): number { return kread_u32(this.addr + 80); }
  set iommu_ops(v: number) { kwrite_u32(this.addr + 80, v); }
  get p(): number { return kread_u32(this.addr + 84); }
  set p(v: number) { kwrite_u32(this.addr + 84, v); }
  get need_parent_lock(): boolean { return kread_bool(this.addr + 88); }
  set need_parent_lock(v: boolean) { kwrite_bool(this.addr + 88, v); }
}
export const bus_type_view = (addr: number): struct_bus_type => new struct_bus_type(addr);

export class struct_bvec_iter {
  static readonly SIZE = 24;
  static readonly OFF = { bi_sector: 0, bi_size: 8, bi_idx: 12, bi_bvec_done: 16 } as const;
  constructor(readonly addr: number) {}
  get bi_sector(): number { return kread_u64_num(this.addr); }
  set bi_sector(v: number) { kwrite_i64_num(this.addr, v); }
  get bi_size(): number { return kread_u32(this.addr + 8); }
  set bi_size(v: number) { kwrite_u32(this.addr + 8, v); }
  get bi_idx(): number { return kread_u32(this.addr + 12); }
  set bi_idx(v: number) { kwrite_u32(this.addr + 12, v); }
  get bi_bvec_done(): number { return kread_u32(this.addr + 16); }
  set bi_bvec_done(v: number) { kwrite_u32(this.addr + 16, v); }
}
export const bvec_iter_view = (addr: number): struct_bvec_iter => new struct_bvec_iter(addr);

export class struct_callback_head {
  static readonly SIZE = 8;
  static readonly OFF = { next: 0, func: 4 } as const;
  constructor(readonly addr: number) {}
  get next(): number { return kread_u32(this.addr); }
  set next(v: number) { kwrite_u32(this.addr, v); }
  get func(): number { return kread_u32(this.addr + 4); }
  set func(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const callback_head_view = (addr: number): struct_callback_head => new struct_callback_head(addr);

export class struct_cdev {
  static readonly SIZE = 60;
  static readonly OFF = { kobj: 0, owner: 36, ops: 40, list: 44, dev: 52, count: 56 } as const;
  constructor(readonly addr: number) {}
  get kobj(): struct_kobject { return new struct_kobject(this.addr); }
  get owner(): number { return kread_u32(this.addr + 36); }
  set owner(v: number) { kwrite_u32(this.addr + 36, v); }
  get ops(): number { return kread_u32(this.addr + 40); }
  set ops(v: number) { kwrite_u32(this.addr + 40, v); }
  get list(): struct_list_head { return new struct_list_head(this.addr + 44); }
  get dev(): number { return kread_u32(this.addr + 52); }
  set dev(v: number) { kwrite_u32(this.addr + 52, v); }
  get count(): number { return kread_u32(this.addr + 56); }
  set count(v: number) { kwrite_u32(this.addr + 56, v); }
}
export const cdev_view = (addr: number): struct_cdev => new struct_cdev(addr);

export class struct_class {
  static readonly SIZE = 60;
  static readonly OFF = { name: 0, owner: 4, class_groups: 8, dev_groups: 12, dev_kobj: 16, dev_uevent: 20, devnode: 24, class_release: 28, dev_release: 32, shutdown_pre: 36, ns_type: 40, namespace: 44, get_ownership: 48, pm: 52, p: 56 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get owner(): number { return kread_u32(this.addr + 4); }
  set owner(v: number) { kwrite_u32(this.addr + 4, v); }
  get class_groups(): number { return kread_u32(this.addr + 8); }
  set class_groups(v: number) { kwrite_u32(this.addr + 8, v); }
  get dev_groups(): number { return kread_u32(this.addr + 12); }
  set dev_groups(v: number) { kwrite_u32(this.addr + 12, v); }
  get dev_kobj(): number { return kread_u32(this.addr + 16); }
  set dev_kobj(v: number) { kwrite_u32(this.addr + 16, v); }
  get dev_uevent(): number { return kread_u32(this.addr + 20); }
  set dev_uevent(v: number) { kwrite_u32(this.addr + 20, v); }
  get devnode(): number { return kread_u32(this.addr + 24); }
  set devnode(v: number) { kwrite_u32(this.addr + 24, v); }
  get class_release(): number { return kread_u32(this.addr + 28); }
  set class_release(v: number) { kwrite_u32(this.addr + 28, v); }
  get dev_release(): number { return kread_u32(this.addr + 32); }
  set dev_release(v: number) { kwrite_u32(this.addr + 32, v); }
  get shutdown_pre(): number { return kread_u32(this.addr + 36); }
  set shutdown_pre(v: number) { kwrite_u32(this.addr + 36, v); }
  get ns_type(): number { return kread_u32(this.addr + 40); }
  set ns_type(v: number) { kwrite_u32(this.addr + 40, v); }
  get namespace(): number { return kread_u32(this.addr + 44); }
  set namespace(v: number) { kwrite_u32(this.addr + 44, v); }
  get get_ownership(): number { return kread_u32(this.addr + 48); }
  set get_ownership(v: number) { kwrite_u32(this.addr + 48, v); }
  get pm(): number { return kread_u32(this.addr + 52); }
  set pm(v: number) { kwrite_u32(this.addr + 52, v); }
  get p(): number { return kread_u32(this.addr + 56); }
  set p(v: number) { kwrite_u32(this.addr + 56, v); }
}
export const class_view = (addr: number): struct_class => new struct_class(addr);

export class struct_completion {
  static readonly SIZE = 28;
  static readonly OFF = { done: 0, wait: 4 } as const;
  constructor(readonly addr: number) {}
  get done(): number { return kread_u32(this.addr); }
  set done(v: number) { kwrite_u32(this.addr, v); }
  get wait(): struct_swait_queue_head { return new struct_swait_queue_head(this.addr + 4); }
}
export const completion_view = (addr: number): struct_completion => new struct_completion(addr);

export class struct_delayed_work {
  static readonly SIZE = 44;
  static readonly OFF = { work: 0, timer: 16, wq: 36, cpu: 40 } as const;
  constructor(readonly addr: number) {}
  get work(): struct_work_struct { return new struct_work_struct(this.addr); }
  get timer(): struct_timer_list { return new struct_timer_list(this.addr + 16); }
  get wq(): number { return kread_u32(this.addr + 36); }
  set wq(v: number) { kwrite_u32(this.addr + 36, v); }
  get cpu(): number { return kread_i32(this.addr + 40); }
  set cpu(v: number) { kwrite_i32(this.addr + 40, v); }
}
export const delayed_work_view = (addr: number): struct_delayed_work => new struct_delayed_work(addr);

export class struct_dev_pm_ops {
  static readonly SIZE = 92;
  static readonly OFF = { prepare: 0, complete: 4, suspend: 8, resume: 12, freeze: 16, thaw: 20, poweroff: 24, restore: 28, suspend_late: 32, resume_early: 36, freeze_late: 40, thaw_early: 44, poweroff_late: 48, restore_early: 52, suspend_noirq: 56, resume_noirq: 60, freeze_noirq: 64, thaw_noirq: 68, poweroff_noirq: 72, restore_noirq: 76, runtime_suspend: 80, runtime_resume: 84, runtime_idle: 88 } as const;
  constructor(readonly addr: number) {}
  get prepare(): number { return kread_u32(this.addr); }
  set prepare(v: number) { kwrite_u32(this.addr, v); }
  get complete(): number { return kread_u32(this.addr + 4); }
  set complete(v: number) { kwrite_u32(this.addr + 4, v); }
  get suspend(): number { return kread_u32(this.addr + 8); }
  set suspend(v: number) { kwrite_u32(this.addr + 8, v); }
  get resume(): number { return kread_u32(this.addr + 12); }
  set resume(v: number) { kwrite_u32(this.addr + 12, v); }
  get freeze(): number { return kread_u32(this.addr + 16); }
  set freeze(v: number) { kwrite_u32(this.addr + 16, v); }
  get thaw(): number { return kread_u32(this.addr + 20); }
  set thaw(v: number) { kwrite_u32(this.addr + 20, v); }
  get poweroff(): number { return kread_u32(this.addr + 24); }
  set poweroff(v: number) { kwrite_u32(this.addr + 24, v); }
  get restore(): number { return kread_u32(this.addr + 28); }
  set restore(v: number) { kwrite_u32(this.addr + 28, v); }
  get suspend_late(): number { return kread_u32(this.addr + 32); }
  set suspend_late(v: number) { kwrite_u32(this.addr + 32, v); }
  get resume_early(): number { return kread_u32(this.addr + 36); }
  set resume_early(v: number) { kwrite_u32(this.addr + 36, v); }
  get freeze_late(): number { return kread_u32(this.addr + 40); }
  set freeze_late(v: number) { kwrite_u32(this.addr + 40, v); }
  get thaw_early(): number { return kread_u32(this.addr + 44); }
  set thaw_early(v: number) { kwrite_u32(this.addr + 44, v); }
  get poweroff_late(): number { return kread_u32(this.addr + 48); }
  set poweroff_late(v: number) { kwrite_u32(this.addr + 48, v); }
  get restore_early(): number { return kread_u32(this.addr + 52); }
  set restore_early(v: number) { kwrite_u32(this.addr + 52, v); }
  get suspend_noirq(): number { return kread_u32(this.addr + 56); }
  set suspend_noirq(v: number) { kwrite_u32(this.addr + 56, v); }
  get resume_noirq(): number { return kread_u32(this.addr + 60); }
  set resume_noirq(v: number) { kwrite_u32(this.addr + 60, v); }
  get freeze_noirq(): number { return kread_u32(this.addr + 64); }
  set freeze_noirq(v: number) { kwrite_u32(this.addr + 64, v); }
  get thaw_noirq(): number { return kread_u32(this.addr + 68); }
  set thaw_noirq(v: number) { kwrite_u32(this.addr + 68, v); }
  get poweroff_noirq(): number { return kread_u32(this.addr + 72); }
  set poweroff_noirq(v: number) { kwrite_u32(this.addr + 72, v); }
  get restore_noirq(): number { return kread_u32(this.addr + 76); }
  set restore_noirq(v: number) { kwrite_u32(this.addr + 76, v); }
  get runtime_suspend(): number { return kread_u32(this.addr + 80); }
  set runtime_suspend(v: number) { kwrite_u32(this.addr + 80, v); }
  get runtime_resume(): number { return kread_u32(this.addr + 84); }
  set runtime_resume(v: number) { kwrite_u32(this.addr + 84, v); }
  get runtime_idle(): number { return kread_u32(this.addr + 88); }
  set runtime_idle(v: number) { kwrite_u32(this.addr + 88, v); }
}
export const dev_pm_ops_view = (addr: number): struct_dev_pm_ops => new struct_dev_pm_ops(addr);

export class struct_device {
  static readonly SIZE = 184;
  static readonly OFF = { kobj: 0, parent: 36, p: 40, init_name: 44, type: 48, bus: 52, driver: 56, platform_data: 60, driver_data: 64, mutex: 68, dma_mask: 100, coherent_dma_mask: 104, bus_dma_limit: 112, dma_pools: 120, of_node: 128, fwnode: 132, numa_node: 136, devt: 140, id: 144, devres_lock: 148, devres_head: 164, class: 172, groups: 176, release: 180 } as const;
  constructor(readonly addr: number) {}
  get kobj(): struct_kobject { return new struct_kobject(this.addr); }
  get parent(): number { return kread_u32(this.addr + 36); }
  set parent(v: number) { kwrite_u32(this.addr + 36, v); }
  get p(): number { return kread_u32(this.addr + 40); }
  set p(v: number) { kwrite_u32(this.addr + 40, v); }
  get init_name(): number { return kread_u32(this.addr + 44); }
  set init_name(v: number) { kwrite_u32(this.addr + 44, v); }
  get type(): number { return kread_u32(this.addr + 48); }
  set type(v: number) { kwrite_u32(this.addr + 48, v); }
  get bus(): number { return kread_u32(this.addr + 52); }
  set bus(v: number) { kwrite_u32(this.addr + 52, v); }
  get driver(): number { return kread_u32(this.addr + 56); }
  set driver(v: number) { kwrite_u32(this.addr + 56, v); }
  get platform_data(): number { return kread_u32(this.addr + 60); }
  set platform_data(v: number) { kwrite_u32(this.addr + 60, v); }
  get driver_data(): number { return kread_u32(this.addr + 64); }
  set driver_data(v: number) { kwrite_u32(this.addr + 64, v); }
  get mutex(): struct_mutex { return new struct_mutex(this.addr + 68); }
  get dma_mask(): number { return kread_u32(this.addr + 100); }
  set dma_mask(v: number) { kwrite_u32(this.addr + 100, v); }
  get coherent_dma_mask(): number { return kread_u64_num(this.addr + 104); }
  set coherent_dma_mask(v: number) { kwrite_i64_num(this.addr + 104, v); }
  get bus_dma_limit(): number { return kread_u64_num(this.addr + 112); }
  set bus_dma_limit(v: number) { kwrite_i64_num(this.addr + 112, v); }
  get dma_pools(): struct_list_head { return new struct_list_head(this.addr + 120); }
  get of_node(): number { return kread_u32(this.addr + 128); }
  set of_node(v: number) { kwrite_u32(this.addr + 128, v); }
  get fwnode(): number { return kread_u32(this.addr + 132); }
  set fwnode(v: number) { kwrite_u32(this.addr + 132, v); }
  get numa_node(): number { return kread_i32(this.addr + 136); }
  set numa_node(v: number) { kwrite_i32(this.addr + 136, v); }
  get devt(): number { return kread_u32(this.addr + 140); }
  set devt(v: number) { kwrite_u32(this.addr + 140, v); }
  get id(): number { return kread_u32(this.addr + 144); }
  set id(v: number) { kwrite_u32(this.addr + 144, v); }
  get devres_lock(): struct_spinlock { return new struct_spinlock(this.addr + 148); }
  get devres_head(): struct_list_head { return new struct_list_head(this.addr + 164); }
  get class(): number { return kread_u32(this.addr + 172); }
  set class(v: number) { kwrite_u32(this.addr + 172, v); }
  get groups(): number { return kread_u32(this.addr + 176); }
  set groups(v: number) { kwrite_u32(this.addr + 176, v); }
  get release(): number { return kread_u32(this.addr + 180); }
  set release(v: number) { kwrite_u32(this.addr + 180, v); }
}
export const device_view = (addr: number): struct_device => new struct_device(addr);

export class struct_device_attribute {
  static readonly SIZE = 16;
  static readonly OFF = { attr: 0, show: 8, store: 12 } as const;
  constructor(readonly addr: number) {}
  get attr(): struct_attribute { return new struct_attribute(this.addr); }
  get show(): number { return kread_u32(this.addr + 8); }
  set show(v: number) { kwrite_u32(this.addr + 8, v); }
  get store(): number { return kread_u32(this.addr + 12); }
  set store(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const device_attribute_view = (addr: number): struct_device_attribute => new struct_device_attribute(addr);

export class struct_device_dma_parameters {
  static readonly SIZE = 12;
  static readonly OFF = { max_segment_size: 0, min_align_mask: 4, segment_boundary_mask: 8 } as const;
  constructor(readonly addr: number) {}
  get max_segment_size(): number { return kread_u32(this.addr); }
  set max_segment_size(v: number) { kwrite_u32(this.addr, v); }
  get min_align_mask(): number { return kread_u32(this.addr + 4); }
  set min_align_mask(v: number) { kwrite_u32(this.addr + 4, v); }
  get segment_boundary_mask(): number { return kread_u32(this.addr + 8); }
  set segment_boundary_mask(v: number) { kwrite_u32(this.addr + 8, v); }
}
export const device_dma_parameters_view = (addr: number): struct_device_dma_parameters => new struct_device_dma_parameters(addr);

export class struct_device_driver {
  static readonly SIZE = 76;
  static readonly OFF = { name: 0, bus: 4, owner: 8, mod_name: 12, suppress_bind_attrs: 16, probe_type: 20, of_match_table: 24, acpi_match_table: 28, probe: 32, sync_state: 36, remove: 40, shutdown: 44, suspend: 48, resume: 52, groups: 56, dev_groups: 60, pm: 64, coredump: 68, p: 72 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get bus(): number { return kread_u32(this.addr + 4); }
  set bus(v: number) { kwrite_u32(this.addr + 4, v); }
  get owner(): number { return kread_u32(this.addr + 8); }
  set owner(v: number) { kwrite_u32(this.addr + 8, v); }
  get mod_name(): number { return kread_u32(this.addr + 12); }
  set mod_name(v: number) { kwrite_u32(this.addr + 12, v); }
  get suppress_bind_attrs(): boolean { return kread_bool(this.addr + 16); }
  set suppress_bind_attrs(v: boolean) { kwrite_bool(this.addr + 16, v); }
  get probe_type(): number { return kread_i32(this.addr + 20); }
  set probe_type(v: number) { kwrite_i32(this.addr + 20, v); }
  get of_match_table(): number { return kread_u32(this.addr + 24); }
  set of_match_table(v: number) { kwrite_u32(this.addr + 24, v); }
  get acpi_match_table(): number { return kread_u32(this.addr + 28); }
  set acpi_match_table(v: number) { kwrite_u32(this.addr + 28, v); }
  get probe(): number { return kread_u32(this.addr + 32); }
  set probe(v: number) { kwrite_u32(this.addr + 32, v); }
  get sync_state(): number { return kread_u32(this.addr + 36); }
  set sync_state(v: number) { kwrite_u32(this.addr + 36, v); }
  get remove(): number { return kread_u32(this.addr + 40); }
  set remove(v: number) { kwrite_u32(this.addr + 40, v); }
  get shutdown(): number { return kread_u32(this.addr + 44); }
  set shutdown(v: number) { kwrite_u32(this.addr + 44, v); }
  get suspend(): number { return kread_u32(this.addr + 48); }
  set suspend(v: number) { kwrite_u32(this.addr + 48, v); }
  get resume(): number { return kread_u32(this.addr + 52); }
  set resume(v: number) { kwrite_u32(this.addr + 52, v); }
  get groups(): number { return kread_u32(this.addr + 56); }
  set groups(v: number) { kwrite_u32(this.addr + 56, v); }
  get dev_groups(): number { return kread_u32(this.addr + 60); }
  set dev_groups(v: number) { kwrite_u32(this.addr + 60, v); }
  get pm(): number { return kread_u32(this.addr + 64); }
  set pm(v: number) { kwrite_u32(this.addr + 64, v); }
  get coredump(): number { return kread_u32(this.addr + 68); }
  set coredump(v: number) { kwrite_u32(this.addr + 68, v); }
  get p(): number { return kread_u32(this.addr + 72); }
  set p(v: number) { kwrite_u32(this.addr + 72, v); }
}
export const device_driver_view = (addr: number): struct_device_driver => new struct_device_driver(addr);

export class struct_device_type {
  static readonly SIZE = 24;
  static readonly OFF = { name: 0, groups: 4, uevent: 8, devnode: 12, release: 16, pm: 20 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get groups(): number { return kread_u32(this.addr + 4); }
  set groups(v: number) { kwrite_u32(this.addr + 4, v); }
  get uevent(): number { return kread_u32(this.addr + 8); }
  set uevent(v: number) { kwrite_u32(this.addr + 8, v); }
  get devnode(): number { return kread_u32(this.addr + 12); }
  set devnode(v: number) { kwrite_u32(this.addr + 12, v); }
  get release(): number { return kread_u32(this.addr + 16); }
  set release(v: number) { kwrite_u32(this.addr + 16, v); }
  get pm(): number { return kread_u32(this.addr + 20); }
  set pm(v: number) { kwrite_u32(this.addr + 20, v); }
}
export const device_type_view = (addr: number): struct_device_type => new struct_device_type(addr);

export class struct_file {
  static readonly SIZE = 120;
  static readonly OFF = { f_rcuhead: 0, f_iocb_flags: 0, f_path: 8, f_inode: 16, f_op: 20, f_lock: 24, f_count: 40, f_flags: 44, f_mode: 48, f_pos_lock: 52, f_pos: 88, f_cred: 96, f_version: 104, private_data: 112, f_mapping: 116 } as const;
  constructor(readonly addr: number) {}
  get f_rcuhead(): struct_callback_head { return new struct_callback_head(this.addr); }
  get f_iocb_flags(): number { return kread_u32(this.addr); }
  set f_iocb_flags(v: number) { kwrite_u32(this.addr, v); }
  get f_path(): struct_path { return new struct_path(this.addr + 8); }
  get f_inode(): number { return kread_u32(this.addr + 16); }
  set f_inode(v: number) { kwrite_u32(this.addr + 16, v); }
  get f_op(): number { return kread_u32(this.addr + 20); }
  set f_op(v: number) { kwrite_u32(this.addr + 20, v); }
  get f_lock(): struct_spinlock { return new struct_spinlock(this.addr + 24); }
  get f_count(): number { return kread_i32(this.addr + 40); }
  set f_count(v: number) { kwrite_i32(this.addr + 40, v); }
  get f_flags(): number { return kread_u32(this.addr + 44); }
  set f_flags(v: number) { kwrite_u32(this.addr + 44, v); }
  get f_mode(): number { return kread_u32(this.addr + 48); }
  set f_mode(v: number) { kwrite_u32(this.addr + 48, v); }
  get f_pos_lock(): struct_mutex { return new struct_mutex(this.addr + 52); }
  get f_pos(): number { return kread_i64_num(this.addr + 88); }
  set f_pos(v: number) { kwrite_i64_num(this.addr + 88, v); }
  get f_cred(): number { return kread_u32(this.addr + 96); }
  set f_cred(v: number) { kwrite_u32(this.addr + 96, v); }
  get f_version(): number { return kread_u64_num(this.addr + 104); }
  set f_version(v: number) { kwrite_i64_num(this.addr + 104, v); }
  get private_data(): number { return kread_u32(this.addr + 112); }
  set private_data(v: number) { kwrite_u32(this.addr + 112, v); }
  get f_mapping(): number { return kread_u32(this.addr + 116); }
  set f_mapping(v: number) { kwrite_u32(this.addr + 116, v); }
}
export const file_view = (addr: number): struct_file => new struct_file(addr);

export class struct_file_operations {
  static readonly SIZE = 116;
  static readonly OFF = { owner: 0, llseek: 4, read: 8, write: 12, read_iter: 16, write_iter: 20, iopoll: 24, iterate: 28, iterate_shared: 32, poll: 36, unlocked_ioctl: 40, compat_ioctl: 44, mmap: 48, mmap_supported_flags: 52, open: 56, flush: 60, release: 64, fsync: 68, fasync: 72, lock: 76, sendpage: 80, get_unmapped_area: 84, check_flags: 88, flock: 92, splice_write: 96, splice_read: 100, setlease: 104, fallocate: 108, show_fdinfo: 112 } as const;
  constructor(readonly addr: number) {}
  get owner(): number { return kread_u32(this.addr); }
  set owner(v: number) { kwrite_u32(this.addr, v); }
  get llseek(): number { return kread_u32(this.addr + 4); }
  set llseek(v: number) { kwrite_u32(this.addr + 4, v); }
  get read(): number { return kread_u32(this.addr + 8); }
  set read(v: number) { kwrite_u32(this.addr + 8, v); }
  get write(): number { return kread_u32(this.addr + 12); }
  set write(v: number) { kwrite_u32(this.addr + 12, v); }
  get read_iter(): number { return kread_u32(this.addr + 16); }
  set read_iter(v: number) { kwrite_u32(this.addr + 16, v); }
  get write_iter(): number { return kread_u32(this.addr + 20); }
  set write_iter(v: number) { kwrite_u32(this.addr + 20, v); }
  get iopoll(): number { return kread_u32(this.addr + 24); }
  set iopoll(v: number) { kwrite_u32(this.addr + 24, v); }
  get iterate(): number { return kread_u32(this.addr + 28); }
  set iterate(v: number) { kwrite_u32(this.addr + 28, v); }
  get iterate_shared(): number { return kread_u32(this.addr + 32); }
  set iterate_shared(v: number) { kwrite_u32(this.addr + 32, v); }
  get poll(): number { return kread_u32(this.addr + 36); }
  set poll(v: number) { kwrite_u32(this.addr + 36, v); }
  get unlocked_ioctl(): number { return kread_u32(this.addr + 40); }
  set unlocked_ioctl(v: number) { kwrite_u32(this.addr + 40, v); }
  get compat_ioctl(): number { return kread_u32(this.addr + 44); }
  set compat_ioctl(v: number) { kwrite_u32(this.addr + 44, v); }
  get mmap(): number { return kread_u32(this.addr + 48); }
  set mmap(v: number) { kwrite_u32(this.addr + 48, v); }
  get mmap_supported_flags(): number { return kread_u32(this.addr + 52); }
  set mmap_supported_flags(v: number) { kwrite_u32(this.addr + 52, v); }
  get open(): number { return kread_u32(this.addr + 56); }
  set open(v: number) { kwrite_u32(this.addr + 56, v); }
  get flush(): number { return kread_u32(this.addr + 60); }
  set flush(v: number) { kwrite_u32(this.addr + 60, v); }
  get release(): number { return kread_u32(this.addr + 64); }
  set release(v: number) { kwrite_u32(this.addr + 64, v); }
  get fsync(): number { return kread_u32(this.addr + 68); }
  set fsync(v: number) { kwrite_u32(this.addr + 68, v); }
  get fasync(): number { return kread_u32(this.addr + 72); }
  set fasync(v: number) { kwrite_u32(this.addr + 72, v); }
  get lock(): number { return kread_u32(this.addr + 76); }
  set lock(v: number) { kwrite_u32(this.addr + 76, v); }
  get sendpage(): number { return kread_u32(this.addr + 80); }
  set sendpage(v: number) { kwrite_u32(this.addr + 80, v); }
  get get_unmapped_area(): number { return kread_u32(this.addr + 84); }
  set get_unmapped_area(v: number) { kwrite_u32(this.addr + 84, v); }
  get check_flags(): number { return kread_u32(this.addr + 88); }
  set check_flags(v: number) { kwrite_u32(this.addr + 88, v); }
  get flock(): number { return kread_u32(this.addr + 92); }
  set flock(v: number) { kwrite_u32(this.addr + 92, v); }
  get splice_write(): number { return kread_u32(this.addr + 96); }
  set splice_write(v: number) { kwrite_u32(this.addr + 96, v); }
  get splice_read(): number { return kread_u32(this.addr + 100); }
  set splice_read(v: number) { kwrite_u32(this.addr + 100, v); }
  get setlease(): number { return kread_u32(this.addr + 104); }
  set setlease(v: number) { kwrite_u32(this.addr + 104, v); }
  get fallocate(): number { return kread_u32(this.addr + 108); }
  set fallocate(v: number) { kwrite_u32(this.addr + 108, v); }
  get show_fdinfo(): number { return kread_u32(this.addr + 112); }
  set show_fdinfo(v: number) { kwrite_u32(this.addr + 112, v); }
}
export const file_operations_view = (addr: number): struct_file_operations => new struct_file_operations(addr);

export class struct_gendisk {
  static readonly SIZE = 88;
  static readonly OFF = { major: 0, first_minor: 4, minors: 8, disk_name: 12, events: 44, event_flags: 46, part0: 48, fops: 52, queue: 56, private_data: 60, flags: 64, state: 68, open_partitions: 72, node_id: 76, diskseq: 80 } as const;
  constructor(readonly addr: number) {}
  get major(): number { return kread_i32(this.addr); }
  set major(v: number) { kwrite_i32(this.addr, v); }
  get first_minor(): number { return kread_i32(this.addr + 4); }
  set first_minor(v: number) { kwrite_i32(this.addr + 4, v); }
  get minors(): number { return kread_i32(this.addr + 8); }
  set minors(v: number) { kwrite_i32(this.addr + 8, v); }
  disk_name_at(i: number): number { return kread_i8(this.addr + 12 + i * 1); }
  set_disk_name_at(i: number, v: number): void { kwrite_u8(this.addr + 12 + i * 1, v); }
  get events(): number { return kread_u16(this.addr + 44); }
  set events(v: number) { kwrite_u16(this.addr + 44, v); }
  get event_flags(): number { return kread_u16(this.addr + 46); }
  set event_flags(v: number) { kwrite_u16(this.addr + 46, v); }
  get part0(): number { return kread_u32(this.addr + 48); }
  set part0(v: number) { kwrite_u32(this.addr + 48, v); }
  get fops(): number { return kread_u32(this.addr + 52); }
  set fops(v: number) { kwrite_u32(this.addr + 52, v); }
  get queue(): number { return kread_u32(this.addr + 56); }
  set queue(v: number) { kwrite_u32(this.addr + 56, v); }
  get private_data(): number { return kread_u32(this.addr + 60); }
  set private_data(v: number) { kwrite_u32(this.addr + 60, v); }
  get flags(): number { return kread_i32(this.addr + 64); }
  set flags(v: number) { kwrite_i32(this.addr + 64, v); }
  get state(): number { return kread_u32(this.addr + 68); }
  set state(v: number) { kwrite_u32(this.addr + 68, v); }
  get open_partitions(): number { return kread_u32(this.addr + 72); }
  set open_partitions(v: number) { kwrite_u32(this.addr + 72, v); }
  get node_id(): number { return kread_i32(this.addr + 76); }
  set node_id(v: number) { kwrite_i32(this.addr + 76, v); }
  get diskseq(): number { return kread_u64_num(this.addr + 80); }
  set diskseq(v: number) { kwrite_i64_num(this.addr + 80, v); }
}
export const gendisk_view = (addr: number): struct_gendisk => new struct_gendisk(addr);

export class struct_hd_geometry {
  static readonly SIZE = 8;
  static readonly OFF = { heads: 0, sectors: 1, cylinders: 2, start: 4 } as const;
  constructor(readonly addr: number) {}
  get heads(): number { return kread_u8(this.addr); }
  set heads(v: number) { kwrite_u8(this.addr, v); }
  get sectors(): number { return kread_u8(this.addr + 1); }
  set sectors(v: number) { kwrite_u8(this.addr + 1, v); }
  get cylinders(): number { return kread_u16(this.addr + 2); }
  set cylinders(v: number) { kwrite_u16(this.addr + 2, v); }
  get start(): number { return kread_u32(this.addr + 4); }
  set start(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const hd_geometry_view = (addr: number): struct_hd_geometry => new struct_hd_geometry(addr);

export class struct_hlist_head {
  static readonly SIZE = 4;
  static readonly OFF = { first: 0 } as const;
  constructor(readonly addr: number) {}
  get first(): number { return kread_u32(this.addr); }
  set first(v: number) { kwrite_u32(this.addr, v); }
}
export const hlist_head_view = (addr: number): struct_hlist_head => new struct_hlist_head(addr);

export class struct_hlist_node {
  static readonly SIZE = 8;
  static readonly OFF = { next: 0, pprev: 4 } as const;
  constructor(readonly addr: number) {}
  get next(): number { return kread_u32(this.addr); }
  set next(v: number) { kwrite_u32(this.addr, v); }
  get pprev(): number { return kread_u32(this.addr + 4); }
  set pprev(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const hlist_node_view = (addr: number): struct_hlist_node => new struct_hlist_node(addr);

export class struct_hrtimer {
  static readonly SIZE = 48;
  static readonly OFF = { node: 0, _softexpires: 24, function: 32, base: 36, state: 40, is_rel: 41, is_soft: 42, is_hard: 43 } as const;
  constructor(readonly addr: number) {}
  get node(): struct_timerqueue_node { return new struct_timerqueue_node(this.addr); }
  get _softexpires(): number { return kread_i64_num(this.addr + 24); }
  set _softexpires(v: number) { kwrite_i64_num(this.addr + 24, v); }
  get function(): number { return kread_u32(this.addr + 32); }
  set function(v: number) { kwrite_u32(this.addr + 32, v); }
  get base(): number { return kread_u32(this.addr + 36); }
  set base(v: number) { kwrite_u32(this.addr + 36, v); }
  get state(): number { return kread_u8(this.addr + 40); }
  set state(v: number) { kwrite_u8(this.addr + 40, v); }
  get is_rel(): number { return kread_u8(this.addr + 41); }
  set is_rel(v: number) { kwrite_u8(this.addr + 41, v); }
  get is_soft(): number { return kread_u8(this.addr + 42); }
  set is_soft(v: number) { kwrite_u8(this.addr + 42, v); }
  get is_hard(): number { return kread_u8(this.addr + 43); }
  set is_hard(v: number) { kwrite_u8(this.addr + 43, v); }
}
export const hrtimer_view = (addr: number): struct_hrtimer => new struct_hrtimer(addr);

export class struct_hwmon_channel_info {
  static readonly SIZE = 8;
  static readonly OFF = { type: 0, config: 4 } as const;
  constructor(readonly addr: number) {}
  get type(): number { return kread_i32(this.addr); }
  set type(v: number) { kwrite_i32(this.addr, v); }
  get config(): number { return kread_u32(this.addr + 4); }
  set config(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const hwmon_channel_info_view = (addr: number): struct_hwmon_channel_info => new struct_hwmon_channel_info(addr);

export class struct_hwmon_chip_info {
  static readonly SIZE = 8;
  static readonly OFF = { ops: 0, info: 4 } as const;
  constructor(readonly addr: number) {}
  get ops(): number { return kread_u32(this.addr); }
  set ops(v: number) { kwrite_u32(this.addr, v); }
  get info(): number { return kread_u32(this.addr + 4); }
  set info(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const hwmon_chip_info_view = (addr: number): struct_hwmon_chip_info => new struct_hwmon_chip_info(addr);

export class struct_hwmon_ops {
  static readonly SIZE = 16;
  static readonly OFF = { is_visible: 0, read: 4, read_string: 8, write: 12 } as const;
  constructor(readonly addr: number) {}
  get is_visible(): number { return kread_u32(this.addr); }
  set is_visible(v: number) { kwrite_u32(this.addr, v); }
  get read(): number { return kread_u32(this.addr + 4); }
  set read(v: number) { kwrite_u32(this.addr + 4, v); }
  get read_string(): number { return kread_u32(this.addr + 8); }
  set read_string(v: number) { kwrite_u32(this.addr + 8, v); }
  get write(): number { return kread_u32(this.addr + 12); }
  set write(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const hwmon_ops_view = (addr: number): struct_hwmon_ops => new struct_hwmon_ops(addr);

export class struct_i2c_adapter {
  static readonly SIZE = 280;
  static readonly OFF = { owner: 0, class: 4, algo: 8, algo_data: 12, timeout: 16, retries: 20, dev: 24, locked_flags: 208, nr: 212, name: 216, userspace_clients: 264, quirks: 272, bus_regulator: 276 } as const;
  constructor(readonly addr: number) {}
  get owner(): number { return kread_u32(this.addr); }
  set owner(v: number) { kwrite_u32(this.addr, v); }
  get class(): number { return kread_u32(this.addr + 4); }
  set class(v: number) { kwrite_u32(this.addr + 4, v); }
  get algo(): number { return kread_u32(this.addr + 8); }
  set algo(v: number) { kwrite_u32(this.addr + 8, v); }
  get algo_data(): number { return kread_u32(this.addr + 12); }
  set algo_data(v: number) { kwrite_u32(this.addr + 12, v); }
  get timeout(): number { return kread_i32(this.addr + 16); }
  set timeout(v: number) { kwrite_i32(this.addr + 16, v); }
  get retries(): number { return kread_i32(this.addr + 20); }
  set retries(v: number) { kwrite_i32(this.addr + 20, v); }
  get dev(): struct_device { return new struct_device(this.addr + 24); }
  get locked_flags(): number { return kread_u32(this.addr + 208); }
  set locked_flags(v: number) { kwrite_u32(this.addr + 208, v); }
  get nr(): number { return kread_i32(this.addr + 212); }
  set nr(v: number) { kwrite_i32(this.addr + 212, v); }
  name_at(i: number): number { return kread_i8(this.addr + 216 + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + 216 + i * 1, v); }
  get userspace_clients(): struct_list_head { return new struct_list_head(this.addr + 264); }
  get quirks(): number { return kread_u32(this.addr + 272); }
  set quirks(v: number) { kwrite_u32(this.addr + 272, v); }
  get bus_regulator(): number { return kread_u32(this.addr + 276); }
  set bus_regulator(v: number) { kwrite_u32(this.addr + 276, v); }
}
export const i2c_adapter_view = (addr: number): struct_i2c_adapter => new struct_i2c_adapter(addr);

export class struct_i2c_algorithm {
  static readonly SIZE = 20;
  static readonly OFF = { master_xfer: 0, master_xfer_atomic: 4, smbus_xfer: 8, smbus_xfer_atomic: 12, functionality: 16 } as const;
  constructor(readonly addr: number) {}
  get master_xfer(): number { return kread_u32(this.addr); }
  set master_xfer(v: number) { kwrite_u32(this.addr, v); }
  get master_xfer_atomic(): number { return kread_u32(this.addr + 4); }
  set master_xfer_atomic(v: number) { kwrite_u32(this.addr + 4, v); }
  get smbus_xfer(): number { return kread_u32(this.addr + 8); }
  set smbus_xfer(v: number) { kwrite_u32(this.addr + 8, v); }
  get smbus_xfer_atomic(): number { return kread_u32(this.addr + 12); }
  set smbus_xfer_atomic(v: number) { kwrite_u32(this.addr + 12, v); }
  get functionality(): number { return kread_u32(this.addr + 16); }
  set functionality(v: number) { kwrite_u32(this.addr + 16, v); }
}
export const i2c_algorithm_view = (addr: number): struct_i2c_algorithm => new struct_i2c_algorithm(addr);

export class struct_i2c_board_info {
  static readonly SIZE = 56;
  static readonly OFF = { type: 0, flags: 20, addr: 22, dev_name: 24, platform_data: 28, of_node: 32, fwnode: 36, swnode: 40, resources: 44, num_resources: 48, irq: 52 } as const;
  constructor(readonly addr: number) {}
  type_at(i: number): number { return kread_i8(this.addr + i * 1); }
  set_type_at(i: number, v: number): void { kwrite_u8(this.addr + i * 1, v); }
  get flags(): number { return kread_u16(this.addr + 20); }
  set flags(v: number) { kwrite_u16(this.addr + 20, v); }
  get addr_(): number { return kread_u16(this.addr + 22); }
  set addr_(v: number) { kwrite_u16(this.addr + 22, v); }
  get dev_name(): number { return kread_u32(this.addr + 24); }
  set dev_name(v: number) { kwrite_u32(this.addr + 24, v); }
  get platform_data(): number { return kread_u32(this.addr + 28); }
  set platform_data(v: number) { kwrite_u32(this.addr + 28, v); }
  get of_node(): number { return kread_u32(this.addr + 32); }
  set of_node(v: number) { kwrite_u32(this.addr + 32, v); }
  get fwnode(): number { return kread_u32(this.addr + 36); }
  set fwnode(v: number) { kwrite_u32(this.addr + 36, v); }
  get swnode(): number { return kread_u32(this.addr + 40); }
  set swnode(v: number) { kwrite_u32(this.addr + 40, v); }
  get resources(): number { return kread_u32(this.addr + 44); }
  set resources(v: number) { kwrite_u32(this.addr + 44, v); }
  get num_resources(): number { return kread_u32(this.addr + 48); }
  set num_resources(v: number) { kwrite_u32(this.addr + 48, v); }
  get irq(): number { return kread_i32(this.addr + 52); }
  set irq(v: number) { kwrite_i32(this.addr + 52, v); }
}
export const i2c_board_info_view = (addr: number): struct_i2c_board_info => new struct_i2c_board_info(addr);

export class struct_i2c_client {
  static readonly SIZE = 240;
  static readonly OFF = { flags: 0, addr: 2, name: 4, adapter: 24, dev: 32, init_irq: 216, irq: 220, detected: 224, devres_group_id: 232 } as const;
  constructor(readonly addr: number) {}
  get flags(): number { return kread_u16(this.addr); }
  set flags(v: number) { kwrite_u16(this.addr, v); }
  get addr_(): number { return kread_u16(this.addr + 2); }
  set addr_(v: number) { kwrite_u16(this.addr + 2, v); }
  name_at(i: number): number { return kread_i8(this.addr + 4 + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + 4 + i * 1, v); }
  get adapter(): number { return kread_u32(this.addr + 24); }
  set adapter(v: number) { kwrite_u32(this.addr + 24, v); }
  get dev(): struct_device { return new struct_device(this.addr + 32); }
  get init_irq(): number { return kread_i32(this.addr + 216); }
  set init_irq(v: number) { kwrite_i32(this.addr + 216, v); }
  get irq(): number { return kread_i32(this.addr + 220); }
  set irq(v: number) { kwrite_i32(this.addr + 220, v); }
  get detected(): struct_list_head { return new struct_list_head(this.addr + 224); }
  get devres_group_id(): number { return kread_u32(this.addr + 232); }
  set devres_group_id(v: number) { kwrite_u32(this.addr + 232, v); }
}
export const i2c_client_view = (addr: number): struct_i2c_client => new struct_i2c_client(addr);

export class struct_i2c_device_id {
  static readonly SIZE = 24;
  static readonly OFF = { name: 0, driver_data: 20 } as const;
  constructor(readonly addr: number) {}
  name_at(i: number): number { return kread_i8(this.addr + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + i * 1, v); }
  get driver_data(): number { return kread_u32(this.addr + 20); }
  set driver_data(v: number) { kwrite_u32(this.addr + 20, v); }
}
export const i2c_device_id_view = (addr: number): struct_i2c_device_id => new struct_i2c_device_id(addr);

export class struct_i2c_driver {
  static readonly SIZE = 128;
  static readonly OFF = { class: 0, probe: 4, remove: 8, probe_new: 12, shutdown: 16, alert: 20, command: 24, driver: 28, id_table: 104, detect: 108, address_list: 112, clients: 116, flags: 124 } as const;
  constructor(readonly addr: number) {}
  get class(): number { return kread_u32(this.addr); }
  set class(v: number) { kwrite_u32(this.addr, v); }
  get probe(): number { return kread_u32(this.addr + 4); }
  set probe(v: number) { kwrite_u32(this.addr + 4, v); }
  get remove(): number { return kread_u32(this.addr + 8); }
  set remove(v: number) { kwrite_u32(this.addr + 8, v); }
  get probe_new(): number { return kread_u32(this.addr + 12); }
  set probe_new(v: number) { kwrite_u32(this.addr + 12, v); }
  get shutdown(): number { return kread_u32(this.addr + 16); }
  set shutdown(v: number) { kwrite_u32(this.addr + 16, v); }
  get alert(): number { return kread_u32(this.addr + 20); }
  set alert(v: number) { kwrite_u32(this.addr + 20, v); }
  get command(): number { return kread_u32(this.addr + 24); }
  set command(v: number) { kwrite_u32(this.addr + 24, v); }
  get driver(): struct_device_driver { return new struct_device_driver(this.addr + 28); }
  get id_table(): number { return kread_u32(this.addr + 104); }
  set id_table(v: number) { kwrite_u32(this.addr + 104, v); }
  get detect(): number { return kread_u32(this.addr + 108); }
  set detect(v: number) { kwrite_u32(this.addr + 108, v); }
  get address_list(): number { return kread_u32(this.addr + 112); }
  set address_list(v: number) { kwrite_u32(this.addr + 112, v); }
  get clients(): struct_list_head { return new struct_list_head(this.addr + 116); }
  get flags(): number { return kread_u32(this.addr + 124); }
  set flags(v: number) { kwrite_u32(this.addr + 124, v); }
}
export const i2c_driver_view = (addr: number): struct_i2c_driver => new struct_i2c_driver(addr);

export class struct_i2c_msg {
  static readonly SIZE = 12;
  static readonly OFF = { addr: 0, flags: 2, len: 4, buf: 8 } as const;
  constructor(readonly addr: number) {}
  get addr_(): number { return kread_u16(this.addr); }
  set addr_(v: number) { kwrite_u16(this.addr, v); }
  get flags(): number { return kread_u16(this.addr + 2); }
  set flags(v: number) { kwrite_u16(this.addr + 2, v); }
  get len(): number { return kread_u16(this.addr + 4); }
  set len(v: number) { kwrite_u16(this.addr + 4, v); }
  get buf(): number { return kread_u32(this.addr + 8); }
  set buf(v: number) { kwrite_u32(this.addr + 8, v); }
}
export const i2c_msg_view = (addr: number): struct_i2c_msg => new struct_i2c_msg(addr);

export class struct_inode {
  static readonly SIZE = 88;
  static readonly OFF = { i_mode: 0, i_opflags: 2, i_uid: 4, i_gid: 8, i_flags: 12, i_op: 16, i_sb: 20, i_mapping: 24, i_ino: 28, i_nlink: 32, __i_nlink: 32, i_rdev: 36, i_size: 40, i_lock: 48, i_state: 64, i_count: 68, i_fop: 72, i_pipe: 76, i_cdev: 76, i_link: 76, i_dir_seq: 76, i_generation: 80, i_private: 84 } as const;
  constructor(readonly addr: number) {}
  get i_mode(): number { return kread_u16(this.addr); }
  set i_mode(v: number) { kwrite_u16(this.addr, v); }
  get i_opflags(): number { return kread_u16(this.addr + 2); }
  set i_opflags(v: number) { kwrite_u16(this.addr + 2, v); }
  get i_uid(): struct_kuid_t { return new struct_kuid_t(this.addr + 4); }
  get i_gid(): struct_kgid_t { return new struct_kgid_t(this.addr + 8); }
  get i_flags(): number { return kread_u32(this.addr + 12); }
  set i_flags(v: number) { kwrite_u32(this.addr + 12, v); }
  get i_op(): number { return kread_u32(this.addr + 16); }
  set i_op(v: number) { kwrite_u32(this.addr + 16, v); }
  get i_sb(): number { return kread_u32(this.addr + 20); }
  set i_sb(v: number) { kwrite_u32(this.addr + 20, v); }
  get i_mapping(): number { return kread_u32(this.addr + 24); }
  set i_mapping(v: number) { kwrite_u32(this.addr + 24, v); }
  get i_ino(): number { return kread_u32(this.addr + 28); }
  set i_ino(v: number) { kwrite_u32(this.addr + 28, v); }
  get i_nlink(): number { return kread_u32(this.addr + 32); }
  set i_nlink(v: number) { kwrite_u32(this.addr + 32, v); }
  get __i_nlink(): number { return kread_u32(this.addr + 32); }
  set __i_nlink(v: number) { kwrite_u32(this.addr + 32, v); }
  get i_rdev(): number { return kread_u32(this.addr + 36); }
  set i_rdev(v: number) { kwrite_u32(this.addr + 36, v); }
  get i_size(): number { return kread_i64_num(this.addr + 40); }
  set i_size(v: number) { kwrite_i64_num(this.addr + 40, v); }
  get i_lock(): struct_spinlock { return new struct_spinlock(this.addr + 48); }
  get i_state(): number { return kread_u32(this.addr + 64); }
  set i_state(v: number) { kwrite_u32(this.addr + 64, v); }
  get i_count(): struct_atomic_t { return new struct_atomic_t(this.addr + 68); }
  get i_fop(): number { return kread_u32(this.addr + 72); }
  set i_fop(v: number) { kwrite_u32(this.addr + 72, v); }
  get i_pipe(): number { return kread_u32(this.addr + 76); }
  set i_pipe(v: number) { kwrite_u32(this.addr + 76, v); }
  get i_cdev(): number { return kread_u32(this.addr + 76); }
  set i_cdev(v: number) { kwrite_u32(this.addr + 76, v); }
  get i_link(): number { return kread_u32(this.addr + 76); }
  set i_link(v: number) { kwrite_u32(this.addr + 76, v); }
  get i_dir_seq(): number { return kread_u32(this.addr + 76); }
  set i_dir_seq(v: number) { kwrite_u32(this.addr + 76, v); }
  get i_generation(): number { return kread_u32(this.addr + 80); }
  set i_generation(v: number) { kwrite_u32(this.addr + 80, v); }
  get i_private(): number { return kread_u32(this.addr + 84); }
  set i_private(v: number) { kwrite_u32(this.addr + 84, v); }
}
export const inode_view = (addr: number): struct_inode => new struct_inode(addr);

export class struct_input_absinfo {
  static readonly SIZE = 24;
  static readonly OFF = { value: 0, minimum: 4, maximum: 8, fuzz: 12, flat: 16, resolution: 20 } as const;
  constructor(readonly addr: number) {}
  get value(): number { return kread_i32(this.addr); }
  set value(v: number) { kwrite_i32(this.addr, v); }
  get minimum(): number { return kread_i32(this.addr + 4); }
  set minimum(v: number) { kwrite_i32(this.addr + 4, v); }
  get maximum(): number { return kread_i32(this.addr + 8); }
  set maximum(v: number) { kwrite_i32(this.addr + 8, v); }
  get fuzz(): number { return kread_i32(this.addr + 12); }
  set fuzz(v: number) { kwrite_i32(this.addr + 12, v); }
  get flat(): number { return kread_i32(this.addr + 16); }
  set flat(v: number) { kwrite_i32(this.addr + 16, v); }
  get resolution(): number { return kread_i32(this.addr + 20); }
  set resolution(v: number) { kwrite_i32(this.addr + 20, v); }
}
export const input_absinfo_view = (addr: number): struct_input_absinfo => new struct_input_absinfo(addr);

export class struct_input_dev {
  static readonly SIZE = 392;
  static readonly OFF = { name: 0, phys: 4, uniq: 8, id: 12, propbit: 20, evbit: 24, keybit: 28, relbit: 124, absbit: 128, mscbit: 136, ledbit: 140, sndbit: 144, ffbit: 148, swbit: 164, hint_events_per_packet: 168, keycodemax: 172, keycodesize: 176, keycode: 180, rep: 184, absinfo: 192, open: 196, close: 200, event: 204, dev: 208 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get phys(): number { return kread_u32(this.addr + 4); }
  set phys(v: number) { kwrite_u32(this.addr + 4, v); }
  get uniq(): number { return kread_u32(this.addr + 8); }
  set uniq(v: number) { kwrite_u32(this.addr + 8, v); }
  get id(): struct_input_id { return new struct_input_id(this.addr + 12); }
  propbit_at(i: number): number { return kread_u32(this.addr + 20 + i * 4); }
  set_propbit_at(i: number, v: number): void { kwrite_u32(this.addr + 20 + i * 4, v); }
  evbit_at(i: number): number { return kread_u32(this.addr + 24 + i * 4); }
  set_evbit_at(i: number, v: number): void { kwrite_u32(this.addr + 24 + i * 4, v); }
  keybit_at(i: number): number { return kread_u32(this.addr + 28 + i * 4); }
  set_keybit_at(i: number, v: number): void { kwrite_u32(this.addr + 28 + i * 4, v); }
  relbit_at(i: number): number { return kread_u32(this.addr + 124 + i * 4); }
  set_relbit_at(i: number, v: number): void { kwrite_u32(this.addr + 124 + i * 4, v); }
  absbit_at(i: number): number { return kread_u32(this.addr + 128 + i * 4); }
  set_absbit_at(i: number, v: number): void { kwrite_u32(this.addr + 128 + i * 4, v); }
  mscbit_at(i: number): number { return kread_u32(this.addr + 136 + i * 4); }
  set_mscbit_at(i: number, v: number): void { kwrite_u32(this.addr + 136 + i * 4, v); }
  ledbit_at(i: number): number { return kread_u32(this.addr + 140 + i * 4); }
  set_ledbit_at(i: number, v: number): void { kwrite_u32(this.addr + 140 + i * 4, v); }
  sndbit_at(i: number): number { return kread_u32(this.addr + 144 + i * 4); }
  set_sndbit_at(i: number, v: number): void { kwrite_u32(this.addr + 144 + i * 4, v); }
  ffbit_at(i: number): number { return kread_u32(this.addr + 148 + i * 4); }
  set_ffbit_at(i: number, v: number): void { kwrite_u32(this.addr + 148 + i * 4, v); }
  swbit_at(i: number): number { return kread_u32(this.addr + 164 + i * 4); }
  set_swbit_at(i: number, v: number): void { kwrite_u32(this.addr + 164 + i * 4, v); }
  get hint_events_per_packet(): number { return kread_u32(this.addr + 168); }
  set hint_events_per_packet(v: number) { kwrite_u32(this.addr + 168, v); }
  get keycodemax(): number { return kread_u32(this.addr + 172); }
  set keycodemax(v: number) { kwrite_u32(this.addr + 172, v); }
  get keycodesize(): number { return kread_u32(this.addr + 176); }
  set keycodesize(v: number) { kwrite_u32(this.addr + 176, v); }
  get keycode(): number { return kread_u32(this.addr + 180); }
  set keycode(v: number) { kwrite_u32(this.addr + 180, v); }
  rep_at(i: number): number { return kread_i32(this.addr + 184 + i * 4); }
  set_rep_at(i: number, v: number): void { kwrite_i32(this.addr + 184 + i * 4, v); }
  get absinfo(): number { return kread_u32(this.addr + 192); }
  set absinfo(v: number) { kwrite_u32(this.addr + 192, v); }
  get open(): number { return kread_u32(this.addr + 196); }
  set open(v: number) { kwrite_u32(this.addr + 196, v); }
  get close(): number { return kread_u32(this.addr + 200); }
  set close(v: number) { kwrite_u32(this.addr + 200, v); }
  get event(): number { return kread_u32(this.addr + 204); }
  set event(v: number) { kwrite_u32(this.addr + 204, v); }
  get dev(): struct_device { return new struct_device(this.addr + 208); }
}
export const input_dev_view = (addr: number): struct_input_dev => new struct_input_dev(addr);

export class struct_input_id {
  static readonly SIZE = 8;
  static readonly OFF = { bustype: 0, vendor: 2, product: 4, version: 6 } as const;
  constructor(readonly addr: number) {}
  get bustype(): number { return kread_u16(this.addr); }
  set bustype(v: number) { kwrite_u16(this.addr, v); }
  get vendor(): number { return kread_u16(this.addr + 2); }
  set vendor(v: number) { kwrite_u16(this.addr + 2, v); }
  get product(): number { return kread_u16(this.addr + 4); }
  set product(v: number) { kwrite_u16(this.addr + 4, v); }
  get version(): number { return kread_u16(this.addr + 6); }
  set version(v: number) { kwrite_u16(this.addr + 6, v); }
}
export const input_id_view = (addr: number): struct_input_id => new struct_input_id(addr);

export class struct_kernel_param {
  static readonly SIZE = 20;
  static readonly OFF = { name: 0, mod: 4, ops: 8, perm: 12, level: 14, flags: 15, arg: 16, str: 16, arr: 16 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get mod(): number { return kread_u32(this.addr + 4); }
  set mod(v: number) { kwrite_u32(this.addr + 4, v); }
  get ops(): number { return kread_u32(this.addr + 8); }
  set ops(v: number) { kwrite_u32(this.addr + 8, v); }
  get perm(): number { return kread_u16(this.addr + 12); }
  set perm(v: number) { kwrite_u16(this.addr + 12, v); }
  get level(): number { return kread_i8(this.addr + 14); }
  set level(v: number) { kwrite_u8(this.addr + 14, v); }
  get flags(): number { return kread_u8(this.addr + 15); }
  set flags(v: number) { kwrite_u8(this.addr + 15, v); }
  get arg(): number { return kread_u32(this.addr + 16); }
  set arg(v: number) { kwrite_u32(this.addr + 16, v); }
  get str(): number { return kread_u32(this.addr + 16); }
  set str(v: number) { kwrite_u32(this.addr + 16, v); }
  get arr(): number { return kread_u32(this.addr + 16); }
  set arr(v: number) { kwrite_u32(this.addr + 16, v); }
}
export const kernel_param_view = (addr: number): struct_kernel_param => new struct_kernel_param(addr);

export class struct_kernel_param_ops {
  static readonly SIZE = 16;
  static readonly OFF = { flags: 0, set: 4, get: 8, free: 12 } as const;
  constructor(readonly addr: number) {}
  get flags(): number { return kread_u32(this.addr); }
  set flags(v: number) { kwrite_u32(this.addr, v); }
  get set(): number { return kread_u32(this.addr + 4); }
  set set(v: number) { kwrite_u32(this.addr + 4, v); }
  get get(): number { return kread_u32(this.addr + 8); }
  set get(v: number) { kwrite_u32(this.addr + 8, v); }
  get free(): number { return kread_u32(this.addr + 12); }
  set free(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const kernel_param_ops_view = (addr: number): struct_kernel_param_ops => new struct_kernel_param_ops(addr);

export class struct_kgid_t {
  static readonly SIZE = 4;
  static readonly OFF = { val: 0 } as const;
  constructor(readonly addr: number) {}
  get val(): number { return kread_u32(this.addr); }
  set val(v: number) { kwrite_u32(this.addr, v); }
}
export const kgid_t_view = (addr: number): struct_kgid_t => new struct_kgid_t(addr);

export class struct_kobj_attribute {
  static readonly SIZE = 16;
  static readonly OFF = { attr: 0, show: 8, store: 12 } as const;
  constructor(readonly addr: number) {}
  get attr(): struct_attribute { return new struct_attribute(this.addr); }
  get show(): number { return kread_u32(this.addr + 8); }
  set show(v: number) { kwrite_u32(this.addr + 8, v); }
  get store(): number { return kread_u32(this.addr + 12); }
  set store(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const kobj_attribute_view = (addr: number): struct_kobj_attribute => new struct_kobj_attribute(addr);

export class struct_kobj_type {
  static readonly SIZE = 24;
  static readonly OFF = { release: 0, sysfs_ops: 4, default_groups: 8, child_ns_type: 12, namespace: 16, get_ownership: 20 } as const;
  constructor(readonly addr: number) {}
  get release(): number { return kread_u32(this.addr); }
  set release(v: number) { kwrite_u32(this.addr, v); }
  get sysfs_ops(): number { return kread_u32(this.addr + 4); }
  set sysfs_ops(v: number) { kwrite_u32(this.addr + 4, v); }
  get default_groups(): number { return kread_u32(this.addr + 8); }
  set default_groups(v: number) { kwrite_u32(this.addr + 8, v); }
  get child_ns_type(): number { return kread_u32(this.addr + 12); }
  set child_ns_type(v: number) { kwrite_u32(this.addr + 12, v); }
  get namespace(): number { return kread_u32(this.addr + 16); }
  set namespace(v: number) { kwrite_u32(this.addr + 16, v); }
  get get_ownership(): number { return kread_u32(this.addr + 20); }
  set get_ownership(v: number) { kwrite_u32(this.addr + 20, v); }
}
export const kobj_type_view = (addr: number): struct_kobj_type => new struct_kobj_type(addr);

export class struct_kobj_uevent_env {
  static readonly SIZE = 2324;
  static readonly OFF = { argv: 0, envp: 12, envp_idx: 268, buf: 272, buflen: 2320 } as const;
  constructor(readonly addr: number) {}
  argv_at(i: number): number { return kread_u32(this.addr + i * 4); }
  set_argv_at(i: number, v: number): void { kwrite_u32(this.addr + i * 4, v); }
  envp_at(i: number): number { return kread_u32(this.addr + 12 + i * 4); }
  set_envp_at(i: number, v: number): void { kwrite_u32(this.addr + 12 + i * 4, v); }
  get envp_idx(): number { return kread_i32(this.addr + 268); }
  set envp_idx(v: number) { kwrite_i32(this.addr + 268, v); }
  buf_at(i: number): number { return kread_i8(this.addr + 272 + i * 1); }
  set_buf_at(i: number, v: number): void { kwrite_u8(this.addr + 272 + i * 1, v); }
  get buflen(): number { return kread_i32(this.addr + 2320); }
  set buflen(v: number) { kwrite_i32(this.addr + 2320, v); }
}
export const kobj_uevent_env_view = (addr: number): struct_kobj_uevent_env => new struct_kobj_uevent_env(addr);

export class struct_kobject {
  static readonly SIZE = 36;
  static readonly OFF = { name: 0, entry: 4, parent: 12, kset: 16, ktype: 20, sd: 24, kref: 28, state: 32 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get entry(): struct_list_head { return new struct_list_head(this.addr + 4); }
  get parent(): number { return kread_u32(this.addr + 12); }
  set parent(v: number) { kwrite_u32(this.addr + 12, v); }
  get kset(): number { return kread_u32(this.addr + 16); }
  set kset(v: number) { kwrite_u32(this.addr + 16, v); }
  get ktype(): number { return kread_u32(this.addr + 20); }
  set ktype(v: number) { kwrite_u32(this.addr + 20, v); }
  get sd(): number { return kread_u32(this.addr + 24); }
  set sd(v: number) { kwrite_u32(this.addr + 24, v); }
  get kref(): struct_kref { return new struct_kref(this.addr + 28); }
  get state(): number { return kread_u32(this.addr + 32); }
  set state(v: number) { kwrite_u32(this.addr + 32, v); }
}
export const kobject_view = (addr: number): struct_kobject => new struct_kobject(addr);

export class struct_kparam_array {
  static readonly SIZE = 20;
  static readonly OFF = { max: 0, elemsize: 4, num: 8, ops: 12, elem: 16 } as const;
  constructor(readonly addr: number) {}
  get max(): number { return kread_u32(this.addr); }
  set max(v: number) { kwrite_u32(this.addr, v); }
  get elemsize(): number { return kread_u32(this.addr + 4); }
  set elemsize(v: number) { kwrite_u32(this.addr + 4, v); }
  get num(): number { return kread_u32(this.addr + 8); }
  set num(v: number) { kwrite_u32(this.addr + 8, v); }
  get ops(): number { return kread_u32(this.addr + 12); }
  set ops(v: number) { kwrite_u32(this.addr + 12, v); }
  get elem(): number { return kread_u32(this.addr + 16); }
  set elem(v: number) { kwrite_u32(this.addr + 16, v); }
}
export const kparam_array_view = (addr: number): struct_kparam_array => new struct_kparam_array(addr);

export class struct_kparam_string {
  static readonly SIZE = 8;
  static readonly OFF = { maxlen: 0, string: 4 } as const;
  constructor(readonly addr: number) {}
  get maxlen(): number { return kread_u32(this.addr); }
  set maxlen(v: number) { kwrite_u32(this.addr, v); }
  get string(): number { return kread_u32(this.addr + 4); }
  set string(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const kparam_string_view = (addr: number): struct_kparam_string => new struct_kparam_string(addr);

export class struct_kref {
  static readonly SIZE = 4;
  static readonly OFF = { refcount: 0 } as const;
  constructor(readonly addr: number) {}
  get refcount(): struct_refcount_struct { return new struct_refcount_struct(this.addr); }
}
export const kref_view = (addr: number): struct_kref => new struct_kref(addr);

export class struct_kuid_t {
  static readonly SIZE = 4;
  static readonly OFF = { val: 0 } as const;
  constructor(readonly addr: number) {}
  get val(): number { return kread_u32(this.addr); }
  set val(v: number) { kwrite_u32(this.addr, v); }
}
export const kuid_t_view = (addr: number): struct_kuid_t => new struct_kuid_t(addr);

export class struct_list_head {
  static readonly SIZE = 8;
  static readonly OFF = { next: 0, prev: 4 } as const;
  constructor(readonly addr: number) {}
  get next(): number { return kread_u32(this.addr); }
  set next(v: number) { kwrite_u32(this.addr, v); }
  get prev(): number { return kread_u32(this.addr + 4); }
  set prev(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const list_head_view = (addr: number): struct_list_head => new struct_list_head(addr);

export class struct_mfd_cell {
  static readonly SIZE = 88;
  static readonly OFF = { name: 0, id: 4, level: 8, enable: 12, disable: 16, suspend: 20, resume: 24, platform_data: 28, pdata_size: 32, swnode: 36, of_compatible: 40, of_reg: 48, use_of_reg: 56, acpi_match: 60, num_resources: 64, resources: 68, ignore_resource_conflicts: 72, pm_runtime_no_callbacks: 73, parent_supplies: 76, num_parent_supplies: 80 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get id(): number { return kread_i32(this.addr + 4); }
  set id(v: number) { kwrite_i32(this.addr + 4, v); }
  get level(): number { return kread_i32(this.addr + 8); }
  set level(v: number) { kwrite_i32(this.addr + 8, v); }
  get enable(): number { return kread_u32(this.addr + 12); }
  set enable(v: number) { kwrite_u32(this.addr + 12, v); }
  get disable(): number { return kread_u32(this.addr + 16); }
  set disable(v: number) { kwrite_u32(this.addr + 16, v); }
  get suspend(): number { return kread_u32(this.addr + 20); }
  set suspend(v: number) { kwrite_u32(this.addr + 20, v); }
  get resume(): number { return kread_u32(this.addr + 24); }
  set resume(v: number) { kwrite_u32(this.addr + 24, v); }
  get platform_data(): number { return kread_u32(this.addr + 28); }
  set platform_data(v: number) { kwrite_u32(this.addr + 28, v); }
  get pdata_size(): number { return kread_u32(this.addr + 32); }
  set pdata_size(v: number) { kwrite_u32(this.addr + 32, v); }
  get swnode(): number { return kread_u32(this.addr + 36); }
  set swnode(v: number) { kwrite_u32(this.addr + 36, v); }
  get of_compatible(): number { return kread_u32(this.addr + 40); }
  set of_compatible(v: number) { kwrite_u32(this.addr + 40, v); }
  get of_reg(): number { return kread_u64_num(this.addr + 48); }
  set of_reg(v: number) { kwrite_i64_num(this.addr + 48, v); }
  get use_of_reg(): boolean { return kread_bool(this.addr + 56); }
  set use_of_reg(v: boolean) { kwrite_bool(this.addr + 56, v); }
  get acpi_match(): number { return kread_u32(this.addr + 60); }
  set acpi_match(v: number) { kwrite_u32(this.addr + 60, v); }
  get num_resources(): number { return kread_i32(this.addr + 64); }
  set num_resources(v: number) { kwrite_i32(this.addr + 64, v); }
  get resources(): number { return kread_u32(this.addr + 68); }
  set resources(v: number) { kwrite_u32(this.addr + 68, v); }
  get ignore_resource_conflicts(): boolean { return kread_bool(this.addr + 72); }
  set ignore_resource_conflicts(v: boolean) { kwrite_bool(this.addr + 72, v); }
  get pm_runtime_no_callbacks(): boolean { return kread_bool(this.addr + 73); }
  set pm_runtime_no_callbacks(v: boolean) { kwrite_bool(this.addr + 73, v); }
  get parent_supplies(): number { return kread_u32(this.addr + 76); }
  set parent_supplies(v: number) { kwrite_u32(this.addr + 76, v); }
  get num_parent_supplies(): number { return kread_i32(this.addr + 80); }
  set num_parent_supplies(v: number) { kwrite_i32(this.addr + 80, v); }
}
export const mfd_cell_view = (addr: number): struct_mfd_cell => new struct_mfd_cell(addr);

export class struct_miscdevice {
  static readonly SIZE = 40;
  static readonly OFF = { minor: 0, name: 4, fops: 8, list: 12, parent: 20, this_device: 24, groups: 28, nodename: 32, mode: 36 } as const;
  constructor(readonly addr: number) {}
  get minor(): number { return kread_i32(this.addr); }
  set minor(v: number) { kwrite_i32(this.addr, v); }
  get name(): number { return kread_u32(this.addr + 4); }
  set name(v: number) { kwrite_u32(this.addr + 4, v); }
  get fops(): number { return kread_u32(this.addr + 8); }
  set fops(v: number) { kwrite_u32(this.addr + 8, v); }
  get list(): struct_list_head { return new struct_list_head(this.addr + 12); }
  get parent(): number { return kread_u32(this.addr + 20); }
  set parent(v: number) { kwrite_u32(this.addr + 20, v); }
  get this_device(): number { return kread_u32(this.addr + 24); }
  set this_device(v: number) { kwrite_u32(this.addr + 24, v); }
  get groups(): number { return kread_u32(this.addr + 28); }
  set groups(v: number) { kwrite_u32(this.addr + 28, v); }
  get nodename(): number { return kread_u32(this.addr + 32); }
  set nodename(v: number) { kwrite_u32(this.addr + 32, v); }
  get mode(): number { return kread_u16(this.addr + 36); }
  set mode(v: number) { kwrite_u16(this.addr + 36, v); }
}
export const miscdevice_view = (addr: number): struct_miscdevice => new struct_miscdevice(addr);

export class struct_module {
  static readonly SIZE = 100;
  static readonly OFF = { state: 0, list: 4, name: 12, version: 72, srcversion: 76, holders_dir: 80, init: 84, exit: 88, taints: 92, refcnt: 96 } as const;
  constructor(readonly addr: number) {}
  get state(): number { return kread_i32(this.addr); }
  set state(v: number) { kwrite_i32(this.addr, v); }
  get list(): struct_list_head { return new struct_list_head(this.addr + 4); }
  name_at(i: number): number { return kread_i8(this.addr + 12 + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + 12 + i * 1, v); }
  get version(): number { return kread_u32(this.addr + 72); }
  set version(v: number) { kwrite_u32(this.addr + 72, v); }
  get srcversion(): number { return kread_u32(this.addr + 76); }
  set srcversion(v: number) { kwrite_u32(this.addr + 76, v); }
  get holders_dir(): number { return kread_u32(this.addr + 80); }
  set holders_dir(v: number) { kwrite_u32(this.addr + 80, v); }
  get init(): number { return kread_u32(this.addr + 84); }
  set init(v: number) { kwrite_u32(this.addr + 84, v); }
  get exit(): number { return kread_u32(this.addr + 88); }
  set exit(v: number) { kwrite_u32(this.addr + 88, v); }
  get taints(): number { return kread_u32(this.addr + 92); }
  set taints(v: number) { kwrite_u32(this.addr + 92, v); }
  get refcnt(): struct_atomic_t { return new struct_atomic_t(this.addr + 96); }
}
export const module_view = (addr: number): struct_module => new struct_module(addr);

export class struct_mutex {
  static readonly SIZE = 32;
  static readonly OFF = { owner: 0, wait_lock: 4, wait_list: 20, magic: 28 } as const;
  constructor(readonly addr: number) {}
  get owner(): number { return kread_i32(this.addr); }
  set owner(v: number) { kwrite_i32(this.addr, v); }
  get wait_lock(): struct_raw_spinlock { return new struct_raw_spinlock(this.addr + 4); }
  get wait_list(): struct_list_head { return new struct_list_head(this.addr + 20); }
  get magic(): number { return kread_u32(this.addr + 28); }
  set magic(v: number) { kwrite_u32(this.addr + 28, v); }
}
export const mutex_view = (addr: number): struct_mutex => new struct_mutex(addr);

export class struct_napi_struct {
  static readonly SIZE = 64;
  static readonly OFF = { poll_list: 0, state: 8, weight: 12, defer_hard_irqs_count: 16, gro_bitmask: 20, poll: 24, dev: 28, skb: 32, rx_list: 36, rx_count: 44, dev_list: 48, napi_id: 56, thread: 60 } as const;
  constructor(readonly addr: number) {}
  get poll_list(): struct_list_head { return new struct_list_head(this.addr); }
  get state(): number { return kread_u32(this.addr + 8); }
  set state(v: number) { kwrite_u32(this.addr + 8, v); }
  get weight(): number { return kread_i32(this.addr + 12); }
  set weight(v: number) { kwrite_i32(this.addr + 12, v); }
  get defer_hard_irqs_count(): number { return kread_i32(this.addr + 16); }
  set defer_hard_irqs_count(v: number) { kwrite_i32(this.addr + 16, v); }
  get gro_bitmask(): number { return kread_u32(this.addr + 20); }
  set gro_bitmask(v: number) { kwrite_u32(this.addr + 20, v); }
  get poll(): number { return kread_u32(this.addr + 24); }
  set poll(v: number) { kwrite_u32(this.addr + 24, v); }
  get dev(): number { return kread_u32(this.addr + 28); }
  set dev(v: number) { kwrite_u32(this.addr + 28, v); }
  get skb(): number { return kread_u32(this.addr + 32); }
  set skb(v: number) { kwrite_u32(this.addr + 32, v); }
  get rx_list(): struct_list_head { return new struct_list_head(this.addr + 36); }
  get rx_count(): number { return kread_i32(this.addr + 44); }
  set rx_count(v: number) { kwrite_i32(this.addr + 44, v); }
  get dev_list(): struct_list_head { return new struct_list_head(this.addr + 48); }
  get napi_id(): number { return kread_u32(this.addr + 56); }
  set napi_id(v: number) { kwrite_u32(this.addr + 56, v); }
  get thread(): number { return kread_u32(this.addr + 60); }
  set thread(v: number) { kwrite_u32(this.addr + 60, v); }
}
export const napi_struct_view = (addr: number): struct_napi_struct => new struct_napi_struct(addr);

export class struct_net_device {
  static readonly SIZE = 744;
  static readonly OFF = { name: 0, name_node: 16, ifalias: 20, mem_end: 24, mem_start: 28, base_addr: 32, state: 36, dev_list: 40, napi_list: 48, unreg_list: 56, close_list: 64, ptype_all: 72, ptype_specific: 80, flags: 88, priv_flags: 96, netdev_ops: 104, ifindex: 108, gflags: 112, hard_header_len: 114, mtu: 116, needed_headroom: 120, needed_tailroom: 122, features: 128, hw_features: 136, wanted_features: 144, vlan_features: 152, hw_enc_features: 160, mpls_features: 168, gso_partial_features: 176, min_mtu: 184, max_mtu: 188, type: 192, min_header_len: 194, name_assign_type: 195, group: 196, stats: 200, core_stats: 292, carrier_up_count: 296, carrier_down_count: 300, ethtool_ops: 304, header_ops: 308, operstate: 312, link_mode: 313, if_port: 314, dma: 315, perm_addr: 316, addr_assign_type: 348, addr_len: 349, upper_level: 350, lower_level: 351, neigh_priv_len: 352, dev_id: 354, dev_port: 356, padded: 358, addr_list_lock: 360, irq: 376, promiscuity: 380, allmulti: 384, uc_promisc: 388, ip_ptr: 392, ip6_ptr: 396, dev_addr: 400, _rx: 404, num_rx_queues: 408, real_num_rx_queues: 412, gro_flush_timeout: 416, napi_defer_hard_irqs: 420, gro_max_size: 424, broadcast: 428, _tx: 460, num_tx_queues: 464, real_num_tx_queues: 468, qdisc: 472, tx_queue_len: 476, watchdog_timeo: 480, proto_down_reason: 484, dismantle: 488, needs_free_netdev: 489, priv_destructor: 492, nd_net: 496, ml_priv: 500, dev: 504, sysfs_groups: 688, sysfs_rx_queue_group: 704, rtnl_link_ops: 708, gso_max_size: 712, tso_max_size: 716, gso_max_segs: 720, tso_max_segs: 722, num_tc: 724, phydev: 728, sfp_bus: 732, proto_down: 736 } as const;
  constructor(readonly addr: number) {}
  name_at(i: number): number { return kread_i8(this.addr + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + i * 1, v); }
  get name_node(): number { return kread_u32(this.addr + 16); }
  set name_node(v: number) { kwrite_u32(this.addr + 16, v); }
  get ifalias(): number { return kread_u32(this.addr + 20); }
  set ifalias(v: number) { kwrite_u32(this.addr + 20, v); }
  get mem_end(): number { return kread_u32(this.addr + 24); }
  set mem_end(v: number) { kwrite_u32(this.addr + 24, v); }
  get mem_start(): number { return kread_u32(this.addr + 28); }
  set mem_start(v: number) { kwrite_u32(this.addr + 28, v); }
  get base_addr(): number { return kread_u32(this.addr + 32); }
  set base_addr(v: number) { kwrite_u32(this.addr + 32, v); }
  get state(): number { return kread_u32(this.addr + 36); }
  set state(v: number) { kwrite_u32(this.addr + 36, v); }
  get dev_list(): struct_list_head { return new struct_list_head(this.addr + 40); }
  get napi_list(): struct_list_head { return new struct_list_head(this.addr + 48); }
  get unreg_list(): struct_list_head { return new struct_list_head(this.addr + 56); }
  get close_list(): struct_list_head { return new struct_list_head(this.addr + 64); }
  get ptype_all(): struct_list_head { return new struct_list_head(this.addr + 72); }
  get ptype_specific(): struct_list_head { return new struct_list_head(this.addr + 80); }
  get flags(): number { return kread_u32(this.addr + 88); }
  set flags(v: number) { kwrite_u32(this.addr + 88, v); }
  get priv_flags(): number { return kread_u64_num(this.addr + 96); }
  set priv_flags(v: number) { kwrite_i64_num(this.addr + 96, v); }
  get netdev_ops(): number { return kread_u32(this.addr + 104); }
  set netdev_ops(v: number) { kwrite_u32(this.addr + 104, v); }
  get ifindex(): number { return kread_i32(this.addr + 108); }
  set ifindex(v: number) { kwrite_i32(this.addr + 108, v); }
  get gflags(): number { return kread_u16(this.addr + 112); }
  set gflags(v: number) { kwrite_u16(this.addr + 112, v); }
  get hard_header_len(): number { return kread_u16(this.addr + 114); }
  set hard_header_len(v: number) { kwrite_u16(this.addr + 114, v); }
  get mtu(): number { return kread_u32(this.addr + 116); }
  set mtu(v: number) { kwrite_u32(this.addr + 116, v); }
  get needed_headroom(): number { return kread_u16(this.addr + 120); }
  set needed_headroom(v: number) { kwrite_u16(this.addr + 120, v); }
  get needed_tailroom(): number { return kread_u16(this.addr + 122); }
  set needed_tailroom(v: number) { kwrite_u16(this.addr + 122, v); }
  get features(): number { return kread_u64_num(this.addr + 128); }
  set features(v: number) { kwrite_i64_num(this.addr + 128, v); }
  get hw_features(): number { return kread_u64_num(this.addr + 136); }
  set hw_features(v: number) { kwrite_i64_num(this.addr + 136, v); }
  get wanted_features(): number { return kread_u64_num(this.addr + 144); }
  set wanted_features(v: number) { kwrite_i64_num(this.addr + 144, v); }
  get vlan_features(): number { return kread_u64_num(this.addr + 152); }
  set vlan_features(v: number) { kwrite_i64_num(this.addr + 152, v); }
  get hw_enc_features(): number { return kread_u64_num(this.addr + 160); }
  set hw_enc_features(v: number) { kwrite_i64_num(this.addr + 160, v); }
  get mpls_features(): number { return kread_u64_num(this.addr + 168); }
  set mpls_features(v: number) { kwrite_i64_num(this.addr + 168, v); }
  get gso_partial_features(): number { return kread_u64_num(this.addr + 176); }
  set gso_partial_features(v: number) { kwrite_i64_num(this.addr + 176, v); }
  get min_mtu(): number { return kread_u32(this.addr + 184); }
  set min_mtu(v: number) { kwrite_u32(this.addr + 184, v); }
  get max_mtu(): number { return kread_u32(this.addr + 188); }
  set max_mtu(v: number) { kwrite_u32(this.addr + 188, v); }
  get type(): number { return kread_u16(this.addr + 192); }
  set type(v: number) { kwrite_u16(this.addr + 192, v); }
  get min_header_len(): number { return kread_u8(this.addr + 194); }
  set min_header_len(v: number) { kwrite_u8(this.addr + 194, v); }
  get name_assign_type(): number { return kread_u8(this.addr + 195); }
  set name_assign_type(v: number) { kwrite_u8(this.addr + 195, v); }
  get group(): number { return kread_i32(this.addr + 196); }
  set group(v: number) { kwrite_i32(this.addr + 196, v); }
  get stats(): struct_net_device_stats { return new struct_net_device_stats(this.addr + 200); }
  get core_stats(): number { return kread_u32(this.addr + 292); }
  set core_stats(v: number) { kwrite_u32(this.addr + 292, v); }
  get carrier_up_count(): struct_atomic_t { return new struct_atomic_t(this.addr + 296); }
  get carrier_down_count(): struct_atomic_t { return new struct_atomic_t(this.addr + 300); }
  get ethtool_ops(): number { return kread_u32(this.addr + 304); }
  set ethtool_ops(v: number) { kwrite_u32(this.addr + 304, v); }
  get header_ops(): number { return kread_u32(this.addr + 308); }
  set header_ops(v: number) { kwrite_u32(this.addr + 308, v); }
  get operstate(): number { return kread_u8(this.addr + 312); }
  set operstate(v: number) { kwrite_u8(this.addr + 312, v); }
  get link_mode(): number { return kread_u8(this.addr + 313); }
  set link_mode(v: number) { kwrite_u8(this.addr + 313, v); }
  get if_port(): number { return kread_u8(this.addr + 314); }
  set if_port(v: number) { kwrite_u8(this.addr + 314, v); }
  get dma(): number { return kread_u8(this.addr + 315); }
  set dma(v: number) { kwrite_u8(this.addr + 315, v); }
  perm_addr_at(i: number): number { return kread_u8(this.addr + 316 + i * 1); }
  set_perm_addr_at(i: number, v: number): void { kwrite_u8(this.addr + 316 + i * 1, v); }
  get addr_assign_type(): number { return kread_u8(this.addr + 348); }
  set addr_assign_type(v: number) { kwrite_u8(this.addr + 348, v); }
  get addr_len(): number { return kread_u8(this.addr + 349); }
  set addr_len(v: number) { kwrite_u8(this.addr + 349, v); }
  get upper_level(): number { return kread_u8(this.addr + 350); }
  set upper_level(v: number) { kwrite_u8(this.addr + 350, v); }
  get lower_level(): number { return kread_u8(this.addr + 351); }
  set lower_level(v: number) { kwrite_u8(this.addr + 351, v); }
  get neigh_priv_len(): number { return kread_u16(this.addr + 352); }
  set neigh_priv_len(v: number) { kwrite_u16(this.addr + 352, v); }
  get dev_id(): number { return kread_u16(this.addr + 354); }
  set dev_id(v: number) { kwrite_u16(this.addr + 354, v); }
  get dev_port(): number { return kread_u16(this.addr + 356); }
  set dev_port(v: number) { kwrite_u16(this.addr + 356, v); }
  get padded(): number { return kread_u16(this.addr + 358); }
  set padded(v: number) { kwrite_u16(this.addr + 358, v); }
  get addr_list_lock(): struct_spinlock { return new struct_spinlock(this.addr + 360); }
  get irq(): number { return kread_i32(this.addr + 376); }
  set irq(v: number) { kwrite_i32(this.addr + 376, v); }
  get promiscuity(): number { return kread_u32(this.addr + 380); }
  set promiscuity(v: number) { kwrite_u32(this.addr + 380, v); }
  get allmulti(): number { return kread_u32(this.addr + 384); }
  set allmulti(v: number) { kwrite_u32(this.addr + 384, v); }
  get uc_promisc(): boolean { return kread_bool(this.addr + 388); }
  set uc_promisc(v: boolean) { kwrite_bool(this.addr + 388, v); }
  get ip_ptr(): number { return kread_u32(this.addr + 392); }
  set ip_ptr(v: number) { kwrite_u32(this.addr + 392, v); }
  get ip6_ptr(): number { return kread_u32(this.addr + 396); }
  set ip6_ptr(v: number) { kwrite_u32(this.addr + 396, v); }
  get dev_addr(): number { return kread_u32(this.addr + 400); }
  set dev_addr(v: number) { kwrite_u32(this.addr + 400, v); }
  get _rx(): number { return kread_u32(this.addr + 404); }
  set _rx(v: number) { kwrite_u32(this.addr + 404, v); }
  get num_rx_queues(): number { return kread_u32(this.addr + 408); }
  set num_rx_queues(v: number) { kwrite_u32(this.addr + 408, v); }
  get real_num_rx_queues(): number { return kread_u32(this.addr + 412); }
  set real_num_rx_queues(v: number) { kwrite_u32(this.addr + 412, v); }
  get gro_flush_timeout(): number { return kread_u32(this.addr + 416); }
  set gro_flush_timeout(v: number) { kwrite_u32(this.addr + 416, v); }
  get napi_defer_hard_irqs(): number { return kread_i32(this.addr + 420); }
  set napi_defer_hard_irqs(v: number) { kwrite_i32(this.addr + 420, v); }
  get gro_max_size(): number { return kread_u32(this.addr + 424); }
  set gro_max_size(v: number) { kwrite_u32(this.addr + 424, v); }
  broadcast_at(i: number): number { return kread_u8(this.addr + 428 + i * 1); }
  set_broadcast_at(i: number, v: number): void { kwrite_u8(this.addr + 428 + i * 1, v); }
  get _tx(): number { return kread_u32(this.addr + 460); }
  set _tx(v: number) { kwrite_u32(this.addr + 460, v); }
  get num_tx_queues(): number { return kread_u32(this.addr + 464); }
  set num_tx_queues(v: number) { kwrite_u32(this.addr + 464, v); }
  get real_num_tx_queues(): number { return kread_u32(this.addr + 468); }
  set real_num_tx_queues(v: number) { kwrite_u32(this.addr + 468, v); }
  get qdisc(): number { return kread_u32(this.addr + 472); }
  set qdisc(v: number) { kwrite_u32(this.addr + 472, v); }
  get tx_queue_len(): number { return kread_u32(this.addr + 476); }
  set tx_queue_len(v: number) { kwrite_u32(this.addr + 476, v); }
  get watchdog_timeo(): number { return kread_i32(this.addr + 480); }
  set watchdog_timeo(v: number) { kwrite_i32(this.addr + 480, v); }
  get proto_down_reason(): number { return kread_u32(this.addr + 484); }
  set proto_down_reason(v: number) { kwrite_u32(this.addr + 484, v); }
  get dismantle(): boolean { return kread_bool(this.addr + 488); }
  set dismantle(v: boolean) { kwrite_bool(this.addr + 488, v); }
  get needs_free_netdev(): boolean { return kread_bool(this.addr + 489); }
  set needs_free_netdev(v: boolean) { kwrite_bool(this.addr + 489, v); }
  get priv_destructor(): number { return kread_u32(this.addr + 492); }
  set priv_destructor(v: number) { kwrite_u32(this.addr + 492, v); }
  get nd_net(): struct_possible_net_t { return new struct_possible_net_t(this.addr + 496); }
  get ml_priv(): number { return kread_u32(this.addr + 500); }
  set ml_priv(v: number) { kwrite_u32(this.addr + 500, v); }
  get dev(): struct_device { return new struct_device(this.addr + 504); }
  sysfs_groups_at(i: number): number { return kread_u32(this.addr + 688 + i * 4); }
  set_sysfs_groups_at(i: number, v: number): void { kwrite_u32(this.addr + 688 + i * 4, v); }
  get sysfs_rx_queue_group(): number { return kread_u32(this.addr + 704); }
  set sysfs_rx_queue_group(v: number) { kwrite_u32(this.addr + 704, v); }
  get rtnl_link_ops(): number { return kread_u32(this.addr + 708); }
  set rtnl_link_ops(v: number) { kwrite_u32(this.addr + 708, v); }
  get gso_max_size(): number { return kread_u32(this.addr + 712); }
  set gso_max_size(v: number) { kwrite_u32(this.addr + 712, v); }
  get tso_max_size(): number { return kread_u32(this.addr + 716); }
  set tso_max_size(v: number) { kwrite_u32(this.addr + 716, v); }
  get gso_max_segs(): number { return kread_u16(this.addr + 720); }
  set gso_max_segs(v: number) { kwrite_u16(this.addr + 720, v); }
  get tso_max_segs(): number { return kread_u16(this.addr + 722); }
  set tso_max_segs(v: number) { kwrite_u16(this.addr + 722, v); }
  get num_tc(): number { return kread_i16(this.addr + 724); }
  set num_tc(v: number) { kwrite_u16(this.addr + 724, v); }
  get phydev(): number { return kread_u32(this.addr + 728); }
  set phydev(v: number) { kwrite_u32(this.addr + 728, v); }
  get sfp_bus(): number { return kread_u32(this.addr + 732); }
  set sfp_bus(v: number) { kwrite_u32(this.addr + 732, v); }
  get proto_down(): boolean { return kread_bool(this.addr + 736); }
  set proto_down(v: boolean) { kwrite_bool(this.addr + 736, v); }
}
export const net_device_view = (addr: number): struct_net_device => new struct_net_device(addr);

export class struct_net_device_ops {
  static readonly SIZE = 96;
  static readonly OFF = { ndo_init: 0, ndo_uninit: 4, ndo_open: 8, ndo_stop: 12, ndo_start_xmit: 16, ndo_features_check: 20, ndo_select_queue: 24, ndo_change_rx_flags: 28, ndo_set_rx_mode: 32, ndo_set_mac_address: 36, ndo_validate_addr: 40, ndo_do_ioctl: 44, ndo_eth_ioctl: 48, ndo_siocbond: 52, ndo_siocwandev: 56, ndo_siocdevprivate: 60, ndo_set_config: 64, ndo_change_mtu: 68, ndo_neigh_setup: 72, ndo_tx_timeout: 76, ndo_get_stats64: 80, ndo_has_offload_stats: 84, ndo_get_offload_stats: 88, ndo_get_stats: 92 } as const;
  constructor(readonly addr: number) {}
  get ndo_init(): number { return kread_u32(this.addr); }
  set ndo_init(v: number) { kwrite_u32(this.addr, v); }
  get ndo_uninit(): number { return kread_u32(this.addr + 4); }
  set ndo_uninit(v: number) { kwrite_u32(this.addr + 4, v); }
  get ndo_open(): number { return kread_u32(this.addr + 8); }
  set ndo_open(v: number) { kwrite_u32(this.addr + 8, v); }
  get ndo_stop(): number { return kread_u32(this.addr + 12); }
  set ndo_stop(v: number) { kwrite_u32(this.addr + 12, v); }
  get ndo_start_xmit(): number { return kread_u32(this.addr + 16); }
  set ndo_start_xmit(v: number) { kwrite_u32(this.addr + 16, v); }
  get ndo_features_check(): number { return kread_u32(this.addr + 20); }
  set ndo_features_check(v: number) { kwrite_u32(this.addr + 20, v); }
  get ndo_select_queue(): number { return kread_u32(this.addr + 24); }
  set ndo_select_queue(v: number) { kwrite_u32(this.addr + 24, v); }
  get ndo_change_rx_flags(): number { return kread_u32(this.addr + 28); }
  set ndo_change_rx_flags(v: number) { kwrite_u32(this.addr + 28, v); }
  get ndo_set_rx_mode(): number { return kread_u32(this.addr + 32); }
  set ndo_set_rx_mode(v: number) { kwrite_u32(this.addr + 32, v); }
  get ndo_set_mac_address(): number { return kread_u32(this.addr + 36); }
  set ndo_set_mac_address(v: number) { kwrite_u32(this.addr + 36, v); }
  get ndo_validate_addr(): number { return kread_u32(this.addr + 40); }
  set ndo_validate_addr(v: number) { kwrite_u32(this.addr + 40, v); }
  get ndo_do_ioctl(): number { return kread_u32(this.addr + 44); }
  set ndo_do_ioctl(v: number) { kwrite_u32(this.addr + 44, v); }
  get ndo_eth_ioctl(): number { return kread_u32(this.addr + 48); }
  set ndo_eth_ioctl(v: number) { kwrite_u32(this.addr + 48, v); }
  get ndo_siocbond(): number { return kread_u32(this.addr + 52); }
  set ndo_siocbond(v: number) { kwrite_u32(this.addr + 52, v); }
  get ndo_siocwandev(): number { return kread_u32(this.addr + 56); }
  set ndo_siocwandev(v: number) { kwrite_u32(this.addr + 56, v); }
  get ndo_siocdevprivate(): number { return kread_u32(this.addr + 60); }
  set ndo_siocdevprivate(v: number) { kwrite_u32(this.addr + 60, v); }
  get ndo_set_config(): number { return kread_u32(this.addr + 64); }
  set ndo_set_config(v: number) { kwrite_u32(this.addr + 64, v); }
  get ndo_change_mtu(): number { return kread_u32(this.addr + 68); }
  set ndo_change_mtu(v: number) { kwrite_u32(this.addr + 68, v); }
  get ndo_neigh_setup(): number { return kread_u32(this.addr + 72); }
  set ndo_neigh_setup(v: number) { kwrite_u32(this.addr + 72, v); }
  get ndo_tx_timeout(): number { return kread_u32(this.addr + 76); }
  set ndo_tx_timeout(v: number) { kwrite_u32(this.addr + 76, v); }
  get ndo_get_stats64(): number { return kread_u32(this.addr + 80); }
  set ndo_get_stats64(v: number) { kwrite_u32(this.addr + 80, v); }
  get ndo_has_offload_stats(): number { return kread_u32(this.addr + 84); }
  set ndo_has_offload_stats(v: number) { kwrite_u32(this.addr + 84, v); }
  get ndo_get_offload_stats(): number { return kread_u32(this.addr + 88); }
  set ndo_get_offload_stats(v: number) { kwrite_u32(this.addr + 88, v); }
  get ndo_get_stats(): number { return kread_u32(this.addr + 92); }
  set ndo_get_stats(v: number) { kwrite_u32(this.addr + 92, v); }
}
export const net_device_ops_view = (addr: number): struct_net_device_ops => new struct_net_device_ops(addr);

export class struct_net_device_stats {
  static readonly SIZE = 92;
  static readonly OFF = { rx_packets: 0, __rx_packets: 0, tx_packets: 4, __tx_packets: 4, rx_bytes: 8, __rx_bytes: 8, tx_bytes: 12, __tx_bytes: 12, rx_errors: 16, __rx_errors: 16, tx_errors: 20, __tx_errors: 20, rx_dropped: 24, __rx_dropped: 24, tx_dropped: 28, __tx_dropped: 28, multicast: 32, __multicast: 32, collisions: 36, __collisions: 36, rx_length_errors: 40, __rx_length_errors: 40, rx_over_errors: 44, __rx_over_errors: 44, rx_crc_errors: 48, __rx_crc_errors: 48, rx_frame_errors: 52, __rx_frame_errors: 52, rx_fifo_errors: 56, __rx_fifo_errors: 56, rx_missed_errors: 60, __rx_missed_errors: 60, tx_aborted_errors: 64, __tx_aborted_errors: 64, tx_carrier_errors: 68, __tx_carrier_errors: 68, tx_fifo_errors: 72, __tx_fifo_errors: 72, tx_heartbeat_errors: 76, __tx_heartbeat_errors: 76, tx_window_errors: 80, __tx_window_errors: 80, rx_compressed: 84, __rx_compressed: 84, tx_compressed: 88, __tx_compressed: 88 } as const;
  constructor(readonly addr: number) {}
  get rx_packets(): number { return kread_u32(this.addr); }
  set rx_packets(v: number) { kwrite_u32(this.addr, v); }
  get __rx_packets(): number { return kread_i32(this.addr); }
  set __rx_packets(v: number) { kwrite_i32(this.addr, v); }
  get tx_packets(): number { return kread_u32(this.addr + 4); }
  set tx_packets(v: number) { kwrite_u32(this.addr + 4, v); }
  get __tx_packets(): number { return kread_i32(this.addr + 4); }
  set __tx_packets(v: number) { kwrite_i32(this.addr + 4, v); }
  get rx_bytes(): number { return kread_u32(this.addr + 8); }
  set rx_bytes(v: number) { kwrite_u32(this.addr + 8, v); }
  get __rx_bytes(): number { return kread_i32(this.addr + 8); }
  set __rx_bytes(v: number) { kwrite_i32(this.addr + 8, v); }
  get tx_bytes(): number { return kread_u32(this.addr + 12); }
  set tx_bytes(v: number) { kwrite_u32(this.addr + 12, v); }
  get __tx_bytes(): number { return kread_i32(this.addr + 12); }
  set __tx_bytes(v: number) { kwrite_i32(this.addr + 12, v); }
  get rx_errors(): number { return kread_u32(this.addr + 16); }
  set rx_errors(v: number) { kwrite_u32(this.addr + 16, v); }
  get __rx_errors(): number { return kread_i32(this.addr + 16); }
  set __rx_errors(v: number) { kwrite_i32(this.addr + 16, v); }
  get tx_errors(): number { return kread_u32(this.addr + 20); }
  set tx_errors(v: number) { kwrite_u32(this.addr + 20, v); }
  get __tx_errors(): number { return kread_i32(this.addr + 20); }
  set __tx_errors(v: number) { kwrite_i32(this.addr + 20, v); }
  get rx_dropped(): number { return kread_u32(this.addr + 24); }
  set rx_dropped(v: number) { kwrite_u32(this.addr + 24, v); }
  get __rx_dropped(): number { return kread_i32(this.addr + 24); }
  set __rx_dropped(v: number) { kwrite_i32(this.addr + 24, v); }
  get tx_dropped(): number { return kread_u32(this.addr + 28); }
  set tx_dropped(v: number) { kwrite_u32(this.addr + 28, v); }
  get __tx_dropped(): number { return kread_i32(this.addr + 28); }
  set __tx_dropped(v: number) { kwrite_i32(this.addr + 28, v); }
  get multicast(): number { return kread_u32(this.addr + 32); }
  set multicast(v: number) { kwrite_u32(this.addr + 32, v); }
  get __multicast(): number { return kread_i32(this.addr + 32); }
  set __multicast(v: number) { kwrite_i32(this.addr + 32, v); }
  get collisions(): number { return kread_u32(this.addr + 36); }
  set collisions(v: number) { kwrite_u32(this.addr + 36, v); }
  get __collisions(): number { return kread_i32(this.addr + 36); }
  set __collisions(v: number) { kwrite_i32(this.addr + 36, v); }
  get rx_length_errors(): number { return kread_u32(this.addr + 40); }
  set rx_length_errors(v: number) { kwrite_u32(this.addr + 40, v); }
  get __rx_length_errors(): number { return kread_i32(this.addr + 40); }
  set __rx_length_errors(v: number) { kwrite_i32(this.addr + 40, v); }
  get rx_over_errors(): number { return kread_u32(this.addr + 44); }
  set rx_over_errors(v: number) { kwrite_u32(this.addr + 44, v); }
  get __rx_over_errors(): number { return kread_i32(this.addr + 44); }
  set __rx_over_errors(v: number) { kwrite_i32(this.addr + 44, v); }
  get rx_crc_errors(): number { return kread_u32(this.addr + 48); }
  set rx_crc_errors(v: number) { kwrite_u32(this.addr + 48, v); }
  get __rx_crc_errors(): number { return kread_i32(this.addr + 48); }
  set __rx_crc_errors(v: number) { kwrite_i32(this.addr + 48, v); }
  get rx_frame_errors(): number { return kread_u32(this.addr + 52); }
  set rx_frame_errors(v: number) { kwrite_u32(this.addr + 52, v); }
  get __rx_frame_errors(): number { return kread_i32(this.addr + 52); }
  set __rx_frame_errors(v: number) { kwrite_i32(this.addr + 52, v); }
  get rx_fifo_errors(): number { return kread_u32(this.addr + 56); }
  set rx_fifo_errors(v: number) { kwrite_u32(this.addr + 56, v); }
  get __rx_fifo_errors(): number { return kread_i32(this.addr + 56); }
  set __rx_fifo_errors(v: number) { kwrite_i32(this.addr + 56, v); }
  get rx_missed_errors(): number { return kread_u32(this.addr + 60); }
  set rx_missed_errors(v: number) { kwrite_u32(this.addr + 60, v); }
  get __rx_missed_errors(): number { return kread_i32(this.addr + 60); }
  set __rx_missed_errors(v: number) { kwrite_i32(this.addr + 60, v); }
  get tx_aborted_errors(): number { return kread_u32(this.addr + 64); }
  set tx_aborted_errors(v: number) { kwrite_u32(this.addr + 64, v); }
  get __tx_aborted_errors(): number { return kread_i32(this.addr + 64); }
  set __tx_aborted_errors(v: number) { kwrite_i32(this.addr + 64, v); }
  get tx_carrier_errors(): number { return kread_u32(this.addr + 68); }
  set tx_carrier_errors(v: number) { kwrite_u32(this.addr + 68, v); }
  get __tx_carrier_errors(): number { return kread_i32(this.addr + 68); }
  set __tx_carrier_errors(v: number) { kwrite_i32(this.addr + 68, v); }
  get tx_fifo_errors(): number { return kread_u32(this.addr + 72); }
  set tx_fifo_errors(v: number) { kwrite_u32(this.addr + 72, v); }
  get __tx_fifo_errors(): number { return kread_i32(this.addr + 72); }
  set __tx_fifo_errors(v: number) { kwrite_i32(this.addr + 72, v); }
  get tx_heartbeat_errors(): number { return kread_u32(this.addr + 76); }
  set tx_heartbeat_errors(v: number) { kwrite_u32(this.addr + 76, v); }
  get __tx_heartbeat_errors(): number { return kread_i32(this.addr + 76); }
  set __tx_heartbeat_errors(v: number) { kwrite_i32(this.addr + 76, v); }
  get tx_window_errors(): number { return kread_u32(this.addr + 80); }
  set tx_window_errors(v: number) { kwrite_u32(this.addr + 80, v); }
  get __tx_window_errors(): number { return kread_i32(this.addr + 80); }
  set __tx_window_errors(v: number) { kwrite_i32(this.addr + 80, v); }
  get rx_compressed(): number { return kread_u32(this.addr + 84); }
  set rx_compressed(v: number) { kwrite_u32(this.addr + 84, v); }
  get __rx_compressed(): number { return kread_i32(this.addr + 84); }
  set __rx_compressed(v: number) { kwrite_i32(this.addr + 84, v); }
  get tx_compressed(): number { return kread_u32(this.addr + 88); }
  set tx_compressed(v: number) { kwrite_u32(this.addr + 88, v); }
  get __tx_compressed(): number { return kread_i32(this.addr + 88); }
  set __tx_compressed(v: number) { kwrite_i32(this.addr + 88, v); }
}
export const net_device_stats_view = (addr: number): struct_net_device_stats => new struct_net_device_stats(addr);

export class struct_netdev_queue {
  static readonly SIZE = 40;
  static readonly OFF = { dev: 0, qdisc: 4, qdisc_sleeping: 8, numa_node: 12, tx_maxrate: 16, trans_timeout: 20, sb_dev: 24, xmit_lock_owner: 28, trans_start: 32, state: 36 } as const;
  constructor(readonly addr: number) {}
  get dev(): number { return kread_u32(this.addr); }
  set dev(v: number) { kwrite_u32(this.addr, v); }
  get qdisc(): number { return kread_u32(this.addr + 4); }
  set qdisc(v: number) { kwrite_u32(this.addr + 4, v); }
  get qdisc_sleeping(): number { return kread_u32(this.addr + 8); }
  set qdisc_sleeping(v: number) { kwrite_u32(this.addr + 8, v); }
  get numa_node(): number { return kread_i32(this.addr + 12); }
  set numa_node(v: number) { kwrite_i32(this.addr + 12, v); }
  get tx_maxrate(): number { return kread_u32(this.addr + 16); }
  set tx_maxrate(v: number) { kwrite_u32(this.addr + 16, v); }
  get trans_timeout(): number { return kread_i32(this.addr + 20); }
  set trans_timeout(v: number) { kwrite_i32(this.addr + 20, v); }
  get sb_dev(): number { return kread_u32(this.addr + 24); }
  set sb_dev(v: number) { kwrite_u32(this.addr + 24, v); }
  get xmit_lock_owner(): number { return kread_i32(this.addr + 28); }
  set xmit_lock_owner(v: number) { kwrite_i32(this.addr + 28, v); }
  get trans_start(): number { return kread_u32(this.addr + 32); }
  set trans_start(v: number) { kwrite_u32(this.addr + 32, v); }
  get state(): number { return kread_u32(this.addr + 36); }
  set state(v: number) { kwrite_u32(this.addr + 36, v); }
}
export const netdev_queue_view = (addr: number): struct_netdev_queue => new struct_netdev_queue(addr);

export class struct_nvmem_config {
  static readonly SIZE = 84;
  static readonly OFF = { dev: 0, name: 4, id: 8, owner: 12, cells: 16, ncells: 20, keepout: 24, nkeepout: 28, type: 32, read_only: 36, root_only: 37, ignore_wp: 38, of_node: 40, no_of_node: 44, reg_read: 48, reg_write: 52, cell_post_process: 56, size: 60, word_size: 64, stride: 68, priv: 72, compat: 76, base_dev: 80 } as const;
  constructor(readonly addr: number) {}
  get dev(): number { return kread_u32(this.addr); }
  set dev(v: number) { kwrite_u32(this.addr, v); }
  get name(): number { return kread_u32(this.addr + 4); }
  set name(v: number) { kwrite_u32(this.addr + 4, v); }
  get id(): number { return kread_i32(this.addr + 8); }
  set id(v: number) { kwrite_i32(this.addr + 8, v); }
  get owner(): number { return kread_u32(this.addr + 12); }
  set owner(v: number) { kwrite_u32(this.addr + 12, v); }
  get cells(): number { return kread_u32(this.addr + 16); }
  set cells(v: number) { kwrite_u32(this.addr + 16, v); }
  get ncells(): number { return kread_i32(this.addr + 20); }
  set ncells(v: number) { kwrite_i32(this.addr + 20, v); }
  get keepout(): number { return kread_u32(this.addr + 24); }
  set keepout(v: number) { kwrite_u32(this.addr + 24, v); }
  get nkeepout(): number { return kread_u32(this.addr + 28); }
  set nkeepout(v: number) { kwrite_u32(this.addr + 28, v); }
  get type(): number { return kread_i32(this.addr + 32); }
  set type(v: number) { kwrite_i32(this.addr + 32, v); }
  get read_only(): boolean { return kread_bool(this.addr + 36); }
  set read_only(v: boolean) { kwrite_bool(this.addr + 36, v); }
  get root_only(): boolean { return kread_bool(this.addr + 37); }
  set root_only(v: boolean) { kwrite_bool(this.addr + 37, v); }
  get ignore_wp(): boolean { return kread_bool(this.addr + 38); }
  set ignore_wp(v: boolean) { kwrite_bool(this.addr + 38, v); }
  get of_node(): number { return kread_u32(this.addr + 40); }
  set of_node(v: number) { kwrite_u32(this.addr + 40, v); }
  get no_of_node(): boolean { return kread_bool(this.addr + 44); }
  set no_of_node(v: boolean) { kwrite_bool(this.addr + 44, v); }
  get reg_read(): number { return kread_u32(this.addr + 48); }
  set reg_read(v: number) { kwrite_u32(this.addr + 48, v); }
  get reg_write(): number { return kread_u32(this.addr + 52); }
  set reg_write(v: number) { kwrite_u32(this.addr + 52, v); }
  get cell_post_process(): number { return kread_u32(this.addr + 56); }
  set cell_post_process(v: number) { kwrite_u32(this.addr + 56, v); }
  get size(): number { return kread_i32(this.addr + 60); }
  set size(v: number) { kwrite_i32(this.addr + 60, v); }
  get word_size(): number { return kread_i32(this.addr + 64); }
  set word_size(v: number) { kwrite_i32(this.addr + 64, v); }
  get stride(): number { return kread_i32(this.addr + 68); }
  set stride(v: number) { kwrite_i32(this.addr + 68, v); }
  get priv(): number { return kread_u32(this.addr + 72); }
  set priv(v: number) { kwrite_u32(this.addr + 72, v); }
  get compat(): boolean { return kread_bool(this.addr + 76); }
  set compat(v: boolean) { kwrite_bool(this.addr + 76, v); }
  get base_dev(): number { return kread_u32(this.addr + 80); }
  set base_dev(v: number) { kwrite_u32(this.addr + 80, v); }
}
export const nvmem_config_view = (addr: number): struct_nvmem_config => new struct_nvmem_config(addr);

export class struct_of_device_id {
  static readonly SIZE = 196;
  static readonly OFF = { name: 0, type: 32, compatible: 64, data: 192 } as const;
  constructor(readonly addr: number) {}
  name_at(i: number): number { return kread_i8(this.addr + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + i * 1, v); }
  type_at(i: number): number { return kread_i8(this.addr + 32 + i * 1); }
  set_type_at(i: number, v: number): void { kwrite_u8(this.addr + 32 + i * 1, v); }
  compatible_at(i: number): number { return kread_i8(this.addr + 64 + i * 1); }
  set_compatible_at(i: number, v: number): void { kwrite_u8(this.addr + 64 + i * 1, v); }
  get data(): number { return kread_u32(this.addr + 192); }
  set data(v: number) { kwrite_u32(this.addr + 192, v); }
}
export const of_device_id_view = (addr: number): struct_of_device_id => new struct_of_device_id(addr);

export class struct_page {
  static readonly SIZE = 4;
  static readonly OFF = { flags: 0 } as const;
  constructor(readonly addr: number) {}
  get flags(): number { return kread_u32(this.addr); }
  set flags(v: number) { kwrite_u32(this.addr, v); }
}
export const page_view = (addr: number): struct_page => new struct_page(addr);

export class struct_path {
  static readonly SIZE = 8;
  static readonly OFF = { mnt: 0, dentry: 4 } as const;
  constructor(readonly addr: number) {}
  get mnt(): number { return kread_u32(this.addr); }
  set mnt(v: number) { kwrite_u32(this.addr, v); }
  get dentry(): number { return kread_u32(this.addr + 4); }
  set dentry(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const path_view = (addr: number): struct_path => new struct_path(addr);

export class struct_pci_bus {
  static readonly SIZE = 360;
  static readonly OFF = { node: 0, parent: 8, children: 12, devices: 20, self: 28, slots: 32, resource: 40, resources: 56, busn_res: 64, ops: 104, sysdata: 108, procdir: 112, number: 116, primary: 117, max_bus_speed: 118, cur_bus_speed: 119, name: 120, bridge_ctl: 168, bus_flags: 170, bridge: 172, dev: 176 } as const;
  constructor(readonly addr: number) {}
  get node(): struct_list_head { return new struct_list_head(this.addr); }
  get parent(): number { return kread_u32(this.addr + 8); }
  set parent(v: number) { kwrite_u32(this.addr + 8, v); }
  get children(): struct_list_head { return new struct_list_head(this.addr + 12); }
  get devices(): struct_list_head { return new struct_list_head(this.addr + 20); }
  get self(): number { return kread_u32(this.addr + 28); }
  set self(v: number) { kwrite_u32(this.addr + 28, v); }
  get slots(): struct_list_head { return new struct_list_head(this.addr + 32); }
  resource_at(i: number): number { return kread_u32(this.addr + 40 + i * 4); }
  set_resource_at(i: number, v: number): void { kwrite_u32(this.addr + 40 + i * 4, v); }
  get resources(): struct_list_head { return new struct_list_head(this.addr + 56); }
  get busn_res(): struct_resource { return new struct_resource(this.addr + 64); }
  get ops(): number { return kread_u32(this.addr + 104); }
  set ops(v: number) { kwrite_u32(this.addr + 104, v); }
  get sysdata(): number { return kread_u32(this.addr + 108); }
  set sysdata(v: number) { kwrite_u32(this.addr + 108, v); }
  get procdir(): number { return kread_u32(this.addr + 112); }
  set procdir(v: number) { kwrite_u32(this.addr + 112, v); }
  get number(): number { return kread_u8(this.addr + 116); }
  set number(v: number) { kwrite_u8(this.addr + 116, v); }
  get primary(): number { return kread_u8(this.addr + 117); }
  set primary(v: number) { kwrite_u8(this.addr + 117, v); }
  get max_bus_speed(): number { return kread_u8(this.addr + 118); }
  set max_bus_speed(v: number) { kwrite_u8(this.addr + 118, v); }
  get cur_bus_speed(): number { return kread_u8(this.addr + 119); }
  set cur_bus_speed(v: number) { kwrite_u8(this.addr + 119, v); }
  name_at(i: number): number { return kread_i8(this.addr + 120 + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + 120 + i * 1, v); }
  get bridge_ctl(): number { return kread_u16(this.addr + 168); }
  set bridge_ctl(v: number) { kwrite_u16(this.addr + 168, v); }
  get bus_flags(): number { return kread_u16(this.addr + 170); }
  set bus_flags(v: number) { kwrite_u16(this.addr + 170, v); }
  get bridge(): number { return kread_u32(this.addr + 172); }
  set bridge(v: number) { kwrite_u32(this.addr + 172, v); }
  get dev(): struct_device { return new struct_device(this.addr + 176); }
}
export const pci_bus_view = (addr: number): struct_pci_bus => new struct_pci_bus(addr);

export class struct_pci_dev {
  static readonly SIZE = 1032;
  static readonly OFF = { bus_list: 0, bus: 8, subordinate: 12, sysdata: 16, procent: 20, slot: 24, devfn: 28, vendor: 32, device: 34, subsystem_vendor: 36, subsystem_device: 38, class: 40, revision: 44, hdr_type: 45, pcie_cap: 46, msi_cap: 47, msix_cap: 48, rom_base_reg: 49, pin: 50, pcie_flags_reg: 52, driver: 56, dma_mask: 64, current_state: 72, pm_cap: 76, d3hot_delay: 80, d3cold_delay: 84, dev: 88, cfg_size: 272, irq: 276, resource: 280, error_state: 960, enable_cnt: 964, saved_config_space: 968 } as const;
  constructor(readonly addr: number) {}
  get bus_list(): struct_list_head { return new struct_list_head(this.addr); }
  get bus(): number { return kread_u32(this.addr + 8); }
  set bus(v: number) { kwrite_u32(this.addr + 8, v); }
  get subordinate(): number { return kread_u32(this.addr + 12); }
  set subordinate(v: number) { kwrite_u32(this.addr + 12, v); }
  get sysdata(): number { return kread_u32(this.addr + 16); }
  set sysdata(v: number) { kwrite_u32(this.addr + 16, v); }
  get procent(): number { return kread_u32(this.addr + 20); }
  set procent(v: number) { kwrite_u32(this.addr + 20, v); }
  get slot(): number { return kread_u32(this.addr + 24); }
  set slot(v: number) { kwrite_u32(this.addr + 24, v); }
  get devfn(): number { return kread_u32(this.addr + 28); }
  set devfn(v: number) { kwrite_u32(this.addr + 28, v); }
  get vendor(): number { return kread_u16(this.addr + 32); }
  set vendor(v: number) { kwrite_u16(this.addr + 32, v); }
  get device(): number { return kread_u16(this.addr + 34); }
  set device(v: number) { kwrite_u16(this.addr + 34, v); }
  get subsystem_vendor(): number { return kread_u16(this.addr + 36); }
  set subsystem_vendor(v: number) { kwrite_u16(this.addr + 36, v); }
  get subsystem_device(): number { return kread_u16(this.addr + 38); }
  set subsystem_device(v: number) { kwrite_u16(this.addr + 38, v); }
  get class(): number { return kread_u32(this.addr + 40); }
  set class(v: number) { kwrite_u32(this.addr + 40, v); }
  get revision(): number { return kread_u8(this.addr + 44); }
  set revision(v: number) { kwrite_u8(this.addr + 44, v); }
  get hdr_type(): number { return kread_u8(this.addr + 45); }
  set hdr_type(v: number) { kwrite_u8(this.addr + 45, v); }
  get pcie_cap(): number { return kread_u8(this.addr + 46); }
  set pcie_cap(v: number) { kwrite_u8(this.addr + 46, v); }
  get msi_cap(): number { return kread_u8(this.addr + 47); }
  set msi_cap(v: number) { kwrite_u8(this.addr + 47, v); }
  get msix_cap(): number { return kread_u8(this.addr + 48); }
  set msix_cap(v: number) { kwrite_u8(this.addr + 48, v); }
  get rom_base_reg(): number { return kread_u8(this.addr + 49); }
  set rom_base_reg(v: number) { kwrite_u8(this.addr + 49, v); }
  get pin(): number { return kread_u8(this.addr + 50); }
  set pin(v: number) { kwrite_u8(this.addr + 50, v); }
  get pcie_flags_reg(): number { return kread_u16(this.addr + 52); }
  set pcie_flags_reg(v: number) { kwrite_u16(this.addr + 52, v); }
  get driver(): number { return kread_u32(this.addr + 56); }
  set driver(v: number) { kwrite_u32(this.addr + 56, v); }
  get dma_mask(): number { return kread_u64_num(this.addr + 64); }
  set dma_mask(v: number) { kwrite_i64_num(this.addr + 64, v); }
  get current_state(): number { return kread_i32(this.addr + 72); }
  set current_state(v: number) { kwrite_i32(this.addr + 72, v); }
  get pm_cap(): number { return kread_u8(this.addr + 76); }
  set pm_cap(v: number) { kwrite_u8(this.addr + 76, v); }
  get d3hot_delay(): number { return kread_u32(this.addr + 80); }
  set d3hot_delay(v: number) { kwrite_u32(this.addr + 80, v); }
  get d3cold_delay(): number { return kread_u32(this.addr + 84); }
  set d3cold_delay(v: number) { kwrite_u32(this.addr + 84, v); }
  get dev(): struct_device { return new struct_device(this.addr + 88); }
  get cfg_size(): number { return kread_i32(this.addr + 272); }
  set cfg_size(v: number) { kwrite_i32(this.addr + 272, v); }
  get irq(): number { return kread_u32(this.addr + 276); }
  set irq(v: number) { kwrite_u32(this.addr + 276, v); }
  resource_at(i: number): struct_resource { return new struct_resource(this.addr + 280 + i * 40); }
  get error_state(): number { return kread_u32(this.addr + 960); }
  set error_state(v: number) { kwrite_u32(this.addr + 960, v); }
  get enable_cnt(): struct_atomic_t { return new struct_atomic_t(this.addr + 964); }
  saved_config_space_at(i: number): number { return kread_u32(this.addr + 968 + i * 4); }
  set_saved_config_space_at(i: number, v: number): void { kwrite_u32(this.addr + 968 + i * 4, v); }
}
export const pci_dev_view = (addr: number): struct_pci_dev => new struct_pci_dev(addr);

export class struct_pci_device_id {
  static readonly SIZE = 32;
  static readonly OFF = { vendor: 0, device: 4, subvendor: 8, subdevice: 12, class: 16, class_mask: 20, driver_data: 24, override_only: 28 } as const;
  constructor(readonly addr: number) {}
  get vendor(): number { return kread_u32(this.addr); }
  set vendor(v: number) { kwrite_u32(this.addr, v); }
  get device(): number { return kread_u32(this.addr + 4); }
  set device(v: number) { kwrite_u32(this.addr + 4, v); }
  get subvendor(): number { return kread_u32(this.addr + 8); }
  set subvendor(v: number) { kwrite_u32(this.addr + 8, v); }
  get subdevice(): number { return kread_u32(this.addr + 12); }
  set subdevice(v: number) { kwrite_u32(this.addr + 12, v); }
  get class(): number { return kread_u32(this.addr + 16); }
  set class(v: number) { kwrite_u32(this.addr + 16, v); }
  get class_mask(): number { return kread_u32(this.addr + 20); }
  set class_mask(v: number) { kwrite_u32(this.addr + 20, v); }
  get driver_data(): number { return kread_u32(this.addr + 24); }
  set driver_data(v: number) { kwrite_u32(this.addr + 24, v); }
  get override_only(): number { return kread_u32(this.addr + 28); }
  set override_only(v: number) { kwrite_u32(this.addr + 28, v); }
}
export const pci_device_id_view = (addr: number): struct_pci_device_id => new struct_pci_device_id(addr);

export class struct_pci_driver {
  static readonly SIZE = 140;
  static readonly OFF = { node: 0, name: 8, id_table: 12, probe: 16, remove: 20, suspend: 24, resume: 28, shutdown: 32, sriov_configure: 36, sriov_set_msix_vec_count: 40, sriov_get_vf_total_msix: 44, err_handler: 48, groups: 52, dev_groups: 56, driver: 60, driver_managed_dma: 136 } as const;
  constructor(readonly addr: number) {}
  get node(): struct_list_head { return new struct_list_head(this.addr); }
  get name(): number { return kread_u32(this.addr + 8); }
  set name(v: number) { kwrite_u32(this.addr + 8, v); }
  get id_table(): number { return kread_u32(this.addr + 12); }
  set id_table(v: number) { kwrite_u32(this.addr + 12, v); }
  get probe(): number { return kread_u32(this.addr + 16); }
  set probe(v: number) { kwrite_u32(this.addr + 16, v); }
  get remove(): number { return kread_u32(this.addr + 20); }
  set remove(v: number) { kwrite_u32(this.addr + 20, v); }
  get suspend(): number { return kread_u32(this.addr + 24); }
  set suspend(v: number) { kwrite_u32(this.addr + 24, v); }
  get resume(): number { return kread_u32(this.addr + 28); }
  set resume(v: number) { kwrite_u32(this.addr + 28, v); }
  get shutdown(): number { return kread_u32(this.addr + 32); }
  set shutdown(v: number) { kwrite_u32(this.addr + 32, v); }
  get sriov_configure(): number { return kread_u32(this.addr + 36); }
  set sriov_configure(v: number) { kwrite_u32(this.addr + 36, v); }
  get sriov_set_msix_vec_count(): number { return kread_u32(this.addr + 40); }
  set sriov_set_msix_vec_count(v: number) { kwrite_u32(this.addr + 40, v); }
  get sriov_get_vf_total_msix(): number { return kread_u32(this.addr + 44); }
  set sriov_get_vf_total_msix(v: number) { kwrite_u32(this.addr + 44, v); }
  get err_handler(): number { return kread_u32(this.addr + 48); }
  set err_handler(v: number) { kwrite_u32(this.addr + 48, v); }
  get groups(): number { return kread_u32(this.addr + 52); }
  set groups(v: number) { kwrite_u32(this.addr + 52, v); }
  get dev_groups(): number { return kread_u32(this.addr + 56); }
  set dev_groups(v: number) { kwrite_u32(this.addr + 56, v); }
  get driver(): struct_device_driver { return new struct_device_driver(this.addr + 60); }
  get driver_managed_dma(): boolean { return kread_bool(this.addr + 136); }
  set driver_managed_dma(v: boolean) { kwrite_bool(this.addr + 136, v); }
}
export const pci_driver_view = (addr: number): struct_pci_driver => new struct_pci_driver(addr);

export class struct_pgprot_t {
  static readonly SIZE = 4;
  static readonly OFF = { pgprot: 0 } as const;
  constructor(readonly addr: number) {}
  get pgprot(): number { return kread_u32(this.addr); }
  set pgprot(v: number) { kwrite_u32(this.addr, v); }
}
export const pgprot_t_view = (addr: number): struct_pgprot_t => new struct_pgprot_t(addr);

export class struct_platform_device {
  static readonly SIZE = 240;
  static readonly OFF = { name: 0, id: 4, id_auto: 8, dev: 16, platform_dma_mask: 200, dma_parms: 208, num_resources: 220, resource: 224, id_entry: 228, driver_override: 232, mfd_cell: 236 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get id(): number { return kread_i32(this.addr + 4); }
  set id(v: number) { kwrite_i32(this.addr + 4, v); }
  get id_auto(): boolean { return kread_bool(this.addr + 8); }
  set id_auto(v: boolean) { kwrite_bool(this.addr + 8, v); }
  get dev(): struct_device { return new struct_device(this.addr + 16); }
  get platform_dma_mask(): number { return kread_u64_num(this.addr + 200); }
  set platform_dma_mask(v: number) { kwrite_i64_num(this.addr + 200, v); }
  get dma_parms(): struct_device_dma_parameters { return new struct_device_dma_parameters(this.addr + 208); }
  get num_resources(): number { return kread_u32(this.addr + 220); }
  set num_resources(v: number) { kwrite_u32(this.addr + 220, v); }
  get resource(): number { return kread_u32(this.addr + 224); }
  set resource(v: number) { kwrite_u32(this.addr + 224, v); }
  get id_entry(): number { return kread_u32(this.addr + 228); }
  set id_entry(v: number) { kwrite_u32(this.addr + 228, v); }
  get driver_override(): number { return kread_u32(this.addr + 232); }
  set driver_override(v: number) { kwrite_u32(this.addr + 232, v); }
  get mfd_cell(): number { return kread_u32(this.addr + 236); }
  set mfd_cell(v: number) { kwrite_u32(this.addr + 236, v); }
}
export const platform_device_view = (addr: number): struct_platform_device => new struct_platform_device(addr);

export class struct_platform_device_id {
  static readonly SIZE = 24;
  static readonly OFF = { name: 0, driver_data: 20 } as const;
  constructor(readonly addr: number) {}
  name_at(i: number): number { return kread_i8(this.addr + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + i * 1, v); }
  get driver_data(): number { return kread_u32(this.addr + 20); }
  set driver_data(v: number) { kwrite_u32(this.addr + 20, v); }
}
export const platform_device_id_view = (addr: number): struct_platform_device_id => new struct_platform_device_id(addr);

export class struct_platform_driver {
  static readonly SIZE = 108;
  static readonly OFF = { probe: 0, remove: 4, remove_new: 8, shutdown: 12, suspend: 16, resume: 20, driver: 24, id_table: 100, prevent_deferred_probe: 104, driver_managed_dma: 105 } as const;
  constructor(readonly addr: number) {}
  get probe(): number { return kread_u32(this.addr); }
  set probe(v: number) { kwrite_u32(this.addr, v); }
  get remove(): number { return kread_u32(this.addr + 4); }
  set remove(v: number) { kwrite_u32(this.addr + 4, v); }
  get remove_new(): number { return kread_u32(this.addr + 8); }
  set remove_new(v: number) { kwrite_u32(this.addr + 8, v); }
  get shutdown(): number { return kread_u32(this.addr + 12); }
  set shutdown(v: number) { kwrite_u32(this.addr + 12, v); }
  get suspend(): number { return kread_u32(this.addr + 16); }
  set suspend(v: number) { kwrite_u32(this.addr + 16, v); }
  get resume(): number { return kread_u32(this.addr + 20); }
  set resume(v: number) { kwrite_u32(this.addr + 20, v); }
  get driver(): struct_device_driver { return new struct_device_driver(this.addr + 24); }
  get id_table(): number { return kread_u32(this.addr + 100); }
  set id_table(v: number) { kwrite_u32(this.addr + 100, v); }
  get prevent_deferred_probe(): boolean { return kread_bool(this.addr + 104); }
  set prevent_deferred_probe(v: boolean) { kwrite_bool(this.addr + 104, v); }
  get driver_managed_dma(): boolean { return kread_bool(this.addr + 105); }
  set driver_managed_dma(v: boolean) { kwrite_bool(this.addr + 105, v); }
}
export const platform_driver_view = (addr: number): struct_platform_driver => new struct_platform_driver(addr);

export class struct_pm_message {
  static readonly SIZE = 4;
  static readonly OFF = { event: 0 } as const;
  constructor(readonly addr: number) {}
  get event(): number { return kread_i32(this.addr); }
  set event(v: number) { kwrite_i32(this.addr, v); }
}
export const pm_message_view = (addr: number): struct_pm_message => new struct_pm_message(addr);

export class struct_poll_table_struct {
  static readonly SIZE = 8;
  static readonly OFF = { _qproc: 0, _key: 4 } as const;
  constructor(readonly addr: number) {}
  get _qproc(): number { return kread_u32(this.addr); }
  set _qproc(v: number) { kwrite_u32(this.addr, v); }
  get _key(): number { return kread_u32(this.addr + 4); }
  set _key(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const poll_table_struct_view = (addr: number): struct_poll_table_struct => new struct_poll_table_struct(addr);

export class struct_possible_net_t {
  static readonly SIZE = 4;
  static readonly OFF = { net: 0 } as const;
  constructor(readonly addr: number) {}
  get net(): number { return kread_u32(this.addr); }
  set net(v: number) { kwrite_u32(this.addr, v); }
}
export const possible_net_t_view = (addr: number): struct_possible_net_t => new struct_possible_net_t(addr);

export class struct_proc_ops {
  static readonly SIZE = 48;
  static readonly OFF = { proc_flags: 0, proc_open: 4, proc_read: 8, proc_read_iter: 12, proc_write: 16, proc_lseek: 20, proc_release: 24, proc_poll: 28, proc_ioctl: 32, proc_compat_ioctl: 36, proc_mmap: 40, proc_get_unmapped_area: 44 } as const;
  constructor(readonly addr: number) {}
  get proc_flags(): number { return kread_u32(this.addr); }
  set proc_flags(v: number) { kwrite_u32(this.addr, v); }
  get proc_open(): number { return kread_u32(this.addr + 4); }
  set proc_open(v: number) { kwrite_u32(this.addr + 4, v); }
  get proc_read(): number { return kread_u32(this.addr + 8); }
  set proc_read(v: number) { kwrite_u32(this.addr + 8, v); }
  get proc_read_iter(): number { return kread_u32(this.addr + 12); }
  set proc_read_iter(v: number) { kwrite_u32(this.addr + 12, v); }
  get proc_write(): number { return kread_u32(this.addr + 16); }
  set proc_write(v: number) { kwrite_u32(this.addr + 16, v); }
  get proc_lseek(): number { return kread_u32(this.addr + 20); }
  set proc_lseek(v: number) { kwrite_u32(this.addr + 20, v); }
  get proc_release(): number { return kread_u32(this.addr + 24); }
  set proc_release(v: number) { kwrite_u32(this.addr + 24, v); }
  get proc_poll(): number { return kread_u32(this.addr + 28); }
  set proc_poll(v: number) { kwrite_u32(this.addr + 28, v); }
  get proc_ioctl(): number { return kread_u32(this.addr + 32); }
  set proc_ioctl(v: number) { kwrite_u32(this.addr + 32, v); }
  get proc_compat_ioctl(): number { return kread_u32(this.addr + 36); }
  set proc_compat_ioctl(v: number) { kwrite_u32(this.addr + 36, v); }
  get proc_mmap(): number { return kread_u32(this.addr + 40); }
  set proc_mmap(v: number) { kwrite_u32(this.addr + 40, v); }
  get proc_get_unmapped_area(): number { return kread_u32(this.addr + 44); }
  set proc_get_unmapped_area(v: number) { kwrite_u32(this.addr + 44, v); }
}
export const proc_ops_view = (addr: number): struct_proc_ops => new struct_proc_ops(addr);

export class struct_qrwlock {
  static readonly SIZE = 8;
  static readonly OFF = { cnts: 0, wait_lock: 4 } as const;
  constructor(readonly addr: number) {}
  get cnts(): struct_atomic_t { return new struct_atomic_t(this.addr); }
  get wait_lock(): struct_qspinlock { return new struct_qspinlock(this.addr + 4); }
}
export const qrwlock_view = (addr: number): struct_qrwlock => new struct_qrwlock(addr);

export class struct_qspinlock {
  static readonly SIZE = 4;
  static readonly OFF = { val: 0 } as const;
  constructor(readonly addr: number) {}
  get val(): struct_atomic_t { return new struct_atomic_t(this.addr); }
}
export const qspinlock_view = (addr: number): struct_qspinlock => new struct_qspinlock(addr);

export class struct_raw_spinlock {
  static readonly SIZE = 16;
  static readonly OFF = { raw_lock: 0, magic: 4, owner_cpu: 8, owner: 12 } as const;
  constructor(readonly addr: number) {}
  get raw_lock(): struct_qspinlock { return new struct_qspinlock(this.addr); }
  get magic(): number { return kread_u32(this.addr + 4); }
  set magic(v: number) { kwrite_u32(this.addr + 4, v); }
  get owner_cpu(): number { return kread_u32(this.addr + 8); }
  set owner_cpu(v: number) { kwrite_u32(this.addr + 8, v); }
  get owner(): number { return kread_u32(this.addr + 12); }
  set owner(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const raw_spinlock_view = (addr: number): struct_raw_spinlock => new struct_raw_spinlock(addr);

export class struct_rb_node {
  static readonly SIZE = 12;
  static readonly OFF = { __rb_parent_color: 0, rb_right: 4, rb_left: 8 } as const;
  constructor(readonly addr: number) {}
  get __rb_parent_color(): number { return kread_u32(this.addr); }
  set __rb_parent_color(v: number) { kwrite_u32(this.addr, v); }
  get rb_right(): number { return kread_u32(this.addr + 4); }
  set rb_right(v: number) { kwrite_u32(this.addr + 4, v); }
  get rb_left(): number { return kread_u32(this.addr + 8); }
  set rb_left(v: number) { kwrite_u32(this.addr + 8, v); }
}
export const rb_node_view = (addr: number): struct_rb_node => new struct_rb_node(addr);

export class struct_refcount_struct {
  static readonly SIZE = 4;
  static readonly OFF = { refs: 0 } as const;
  constructor(readonly addr: number) {}
  get refs(): struct_atomic_t { return new struct_atomic_t(this.addr); }
}
export const refcount_struct_view = (addr: number): struct_refcount_struct => new struct_refcount_struct(addr);

export class struct_reg_default {
  static readonly SIZE = 8;
  static readonly OFF = { reg: 0, def: 4 } as const;
  constructor(readonly addr: number) {}
  get reg(): number { return kread_u32(this.addr); }
  set reg(v: number) { kwrite_u32(this.addr, v); }
  get def(): number { return kread_u32(this.addr + 4); }
  set def(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const reg_default_view = (addr: number): struct_reg_default => new struct_reg_default(addr);

export class struct_regmap_access_table {
  static readonly SIZE = 16;
  static readonly OFF = { yes_ranges: 0, n_yes_ranges: 4, no_ranges: 8, n_no_ranges: 12 } as const;
  constructor(readonly addr: number) {}
  get yes_ranges(): number { return kread_u32(this.addr); }
  set yes_ranges(v: number) { kwrite_u32(this.addr, v); }
  get n_yes_ranges(): number { return kread_u32(this.addr + 4); }
  set n_yes_ranges(v: number) { kwrite_u32(this.addr + 4, v); }
  get no_ranges(): number { return kread_u32(this.addr + 8); }
  set no_ranges(v: number) { kwrite_u32(this.addr + 8, v); }
  get n_no_ranges(): number { return kread_u32(this.addr + 12); }
  set n_no_ranges(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const regmap_access_table_view = (addr: number): struct_regmap_access_table => new struct_regmap_access_table(addr);

export class struct_regmap_config {
  static readonly SIZE = 196;
  static readonly OFF = { name: 0, reg_bits: 4, reg_stride: 8, reg_downshift: 12, reg_base: 16, pad_bits: 20, val_bits: 24, writeable_reg: 28, readable_reg: 32, volatile_reg: 36, precious_reg: 40, writeable_noinc_reg: 44, readable_noinc_reg: 48, disable_locking: 52, lock: 56, unlock: 60, lock_arg: 64, reg_read: 68, reg_write: 72, reg_update_bits: 76, read: 80, write: 84, max_raw_read: 88, max_raw_write: 92, fast_io: 96, io_port: 97, max_register: 100, wr_table: 104, rd_table: 108, volatile_table: 112, precious_table: 116, wr_noinc_table: 120, rd_noinc_table: 124, reg_defaults: 128, num_reg_defaults: 132, cache_type: 136, reg_defaults_raw: 140, num_reg_defaults_raw: 144, read_flag_mask: 148, write_flag_mask: 152, zero_flag_mask: 156, use_single_read: 157, use_single_write: 158, use_relaxed_mmio: 159, can_multi_write: 160, reg_format_endian: 164, val_format_endian: 168, ranges: 172, num_ranges: 176, use_hwlock: 180, use_raw_spinlock: 181, hwlock_id: 184, hwlock_mode: 188, can_sleep: 192 } as const;
  constructor(readonly addr: number) {}
  get name(): number { return kread_u32(this.addr); }
  set name(v: number) { kwrite_u32(this.addr, v); }
  get reg_bits(): number { return kread_i32(this.addr + 4); }
  set reg_bits(v: number) { kwrite_i32(this.addr + 4, v); }
  get reg_stride(): number { return kread_i32(this.addr + 8); }
  set reg_stride(v: number) { kwrite_i32(this.addr + 8, v); }
  get reg_downshift(): number { return kread_i32(this.addr + 12); }
  set reg_downshift(v: number) { kwrite_i32(this.addr + 12, v); }
  get reg_base(): number { return kread_u32(this.addr + 16); }
  set reg_base(v: number) { kwrite_u32(this.addr + 16, v); }
  get pad_bits(): number { return kread_i32(this.addr + 20); }
  set pad_bits(v: number) { kwrite_i32(this.addr + 20, v); }
  get val_bits(): number { return kread_i32(this.addr + 24); }
  set val_bits(v: number) { kwrite_i32(this.addr + 24, v); }
  get writeable_reg(): number { return kread_u32(this.addr + 28); }
  set writeable_reg(v: number) { kwrite_u32(this.addr + 28, v); }
  get readable_reg(): number { return kread_u32(this.addr + 32); }
  set readable_reg(v: number) { kwrite_u32(this.addr + 32, v); }
  get volatile_reg(): number { return kread_u32(this.addr + 36); }
  set volatile_reg(v: number) { kwrite_u32(this.addr + 36, v); }
  get precious_reg(): number { return kread_u32(this.addr + 40); }
  set precious_reg(v: number) { kwrite_u32(this.addr + 40, v); }
  get writeable_noinc_reg(): number { return kread_u32(this.addr + 44); }
  set writeable_noinc_reg(v: number) { kwrite_u32(this.addr + 44, v); }
  get readable_noinc_reg(): number { return kread_u32(this.addr + 48); }
  set readable_noinc_reg(v: number) { kwrite_u32(this.addr + 48, v); }
  get disable_locking(): boolean { return kread_bool(this.addr + 52); }
  set disable_locking(v: boolean) { kwrite_bool(this.addr + 52, v); }
  get lock(): number { return kread_u32(this.addr + 56); }
  set lock(v: number) { kwrite_u32(this.addr + 56, v); }
  get unlock(): number { return kread_u32(this.addr + 60); }
  set unlock(v: number) { kwrite_u32(this.addr + 60, v); }
  get lock_arg(): number { return kread_u32(this.addr + 64); }
  set lock_arg(v: number) { kwrite_u32(this.addr + 64, v); }
  get reg_read(): number { return kread_u32(this.addr + 68); }
  set reg_read(v: number) { kwrite_u32(this.addr + 68, v); }
  get reg_write(): number { return kread_u32(this.addr + 72); }
  set reg_write(v: number) { kwrite_u32(this.addr + 72, v); }
  get reg_update_bits(): number { return kread_u32(this.addr + 76); }
  set reg_update_bits(v: number) { kwrite_u32(this.addr + 76, v); }
  get read(): number { return kread_u32(this.addr + 80); }
  set read(v: number) { kwrite_u32(this.addr + 80, v); }
  get write(): number { return kread_u32(this.addr + 84); }
  set write(v: number) { kwrite_u32(this.addr + 84, v); }
  get max_raw_read(): number { return kread_u32(this.addr + 88); }
  set max_raw_read(v: number) { kwrite_u32(this.addr + 88, v); }
  get max_raw_write(): number { return kread_u32(this.addr + 92); }
  set max_raw_write(v: number) { kwrite_u32(this.addr + 92, v); }
  get fast_io(): boolean { return kread_bool(this.addr + 96); }
  set fast_io(v: boolean) { kwrite_bool(this.addr + 96, v); }
  get io_port(): boolean { return kread_bool(this.addr + 97); }
  set io_port(v: boolean) { kwrite_bool(this.addr + 97, v); }
  get max_register(): number { return kread_u32(this.addr + 100); }
  set max_register(v: number) { kwrite_u32(this.addr + 100, v); }
  get wr_table(): number { return kread_u32(this.addr + 104); }
  set wr_table(v: number) { kwrite_u32(this.addr + 104, v); }
  get rd_table(): number { return kread_u32(this.addr + 108); }
  set rd_table(v: number) { kwrite_u32(this.addr + 108, v); }
  get volatile_table(): number { return kread_u32(this.addr + 112); }
  set volatile_table(v: number) { kwrite_u32(this.addr + 112, v); }
  get precious_table(): number { return kread_u32(this.addr + 116); }
  set precious_table(v: number) { kwrite_u32(this.addr + 116, v); }
  get wr_noinc_table(): number { return kread_u32(this.addr + 120); }
  set wr_noinc_table(v: number) { kwrite_u32(this.addr + 120, v); }
  get rd_noinc_table(): number { return kread_u32(this.addr + 124); }
  set rd_noinc_table(v: number) { kwrite_u32(this.addr + 124, v); }
  get reg_defaults(): number { return kread_u32(this.addr + 128); }
  set reg_defaults(v: number) { kwrite_u32(this.addr + 128, v); }
  get num_reg_defaults(): number { return kread_u32(this.addr + 132); }
  set num_reg_defaults(v: number) { kwrite_u32(this.addr + 132, v); }
  get cache_type(): number { return kread_i32(this.addr + 136); }
  set cache_type(v: number) { kwrite_i32(this.addr + 136, v); }
  get reg_defaults_raw(): number { return kread_u32(this.addr + 140); }
  set reg_defaults_raw(v: number) { kwrite_u32(this.addr + 140, v); }
  get num_reg_defaults_raw(): number { return kread_u32(this.addr + 144); }
  set num_reg_defaults_raw(v: number) { kwrite_u32(this.addr + 144, v); }
  get read_flag_mask(): number { return kread_u32(this.addr + 148); }
  set read_flag_mask(v: number) { kwrite_u32(this.addr + 148, v); }
  get write_flag_mask(): number { return kread_u32(this.addr + 152); }
  set write_flag_mask(v: number) { kwrite_u32(this.addr + 152, v); }
  get zero_flag_mask(): boolean { return kread_bool(this.addr + 156); }
  set zero_flag_mask(v: boolean) { kwrite_bool(this.addr + 156, v); }
  get use_single_read(): boolean { return kread_bool(this.addr + 157); }
  set use_single_read(v: boolean) { kwrite_bool(this.addr + 157, v); }
  get use_single_write(): boolean { return kread_bool(this.addr + 158); }
  set use_single_write(v: boolean) { kwrite_bool(this.addr + 158, v); }
  get use_relaxed_mmio(): boolean { return kread_bool(this.addr + 159); }
  set use_relaxed_mmio(v: boolean) { kwrite_bool(this.addr + 159, v); }
  get can_multi_write(): boolean { return kread_bool(this.addr + 160); }
  set can_multi_write(v: boolean) { kwrite_bool(this.addr + 160, v); }
  get reg_format_endian(): number { return kread_i32(this.addr + 164); }
  set reg_format_endian(v: number) { kwrite_i32(this.addr + 164, v); }
  get val_format_endian(): number { return kread_i32(this.addr + 168); }
  set val_format_endian(v: number) { kwrite_i32(this.addr + 168, v); }
  get ranges(): number { return kread_u32(this.addr + 172); }
  set ranges(v: number) { kwrite_u32(this.addr + 172, v); }
  get num_ranges(): number { return kread_u32(this.addr + 176); }
  set num_ranges(v: number) { kwrite_u32(this.addr + 176, v); }
  get use_hwlock(): boolean { return kread_bool(this.addr + 180); }
  set use_hwlock(v: boolean) { kwrite_bool(this.addr + 180, v); }
  get use_raw_spinlock(): boolean { return kread_bool(this.addr + 181); }
  set use_raw_spinlock(v: boolean) { kwrite_bool(this.addr + 181, v); }
  get hwlock_id(): number { return kread_u32(this.addr + 184); }
  set hwlock_id(v: number) { kwrite_u32(this.addr + 184, v); }
  get hwlock_mode(): number { return kread_u32(this.addr + 188); }
  set hwlock_mode(v: number) { kwrite_u32(this.addr + 188, v); }
  get can_sleep(): boolean { return kread_bool(this.addr + 192); }
  set can_sleep(v: boolean) { kwrite_bool(this.addr + 192, v); }
}
export const regmap_config_view = (addr: number): struct_regmap_config => new struct_regmap_config(addr);

export class struct_regmap_range {
  static readonly SIZE = 8;
  static readonly OFF = { range_min: 0, range_max: 4 } as const;
  constructor(readonly addr: number) {}
  get range_min(): number { return kread_u32(this.addr); }
  set range_min(v: number) { kwrite_u32(this.addr, v); }
  get range_max(): number { return kread_u32(this.addr + 4); }
  set range_max(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const regmap_range_view = (addr: number): struct_regmap_range => new struct_regmap_range(addr);

export class struct_regulator_bulk_data {
  static readonly SIZE = 16;
  static readonly OFF = { supply: 0, init_load_uA: 4, consumer: 8, ret: 12 } as const;
  constructor(readonly addr: number) {}
  get supply(): number { return kread_u32(this.addr); }
  set supply(v: number) { kwrite_u32(this.addr, v); }
  get init_load_uA(): number { return kread_i32(this.addr + 4); }
  set init_load_uA(v: number) { kwrite_i32(this.addr + 4, v); }
  get consumer(): number { return kread_u32(this.addr + 8); }
  set consumer(v: number) { kwrite_u32(this.addr + 8, v); }
  get ret(): number { return kread_i32(this.addr + 12); }
  set ret(v: number) { kwrite_i32(this.addr + 12, v); }
}
export const regulator_bulk_data_view = (addr: number): struct_regulator_bulk_data => new struct_regulator_bulk_data(addr);

export class struct_request {
  static readonly SIZE = 120;
  static readonly OFF = { q: 0, mq_ctx: 4, mq_hctx: 8, cmd_flags: 12, rq_flags: 16, tag: 20, internal_tag: 24, timeout: 28, __data_len: 32, __sector: 40, bio: 48, biotail: 52, queuelist: 56, rq_next: 56, part: 64, start_time_ns: 72, io_start_time_ns: 80, stats_sectors: 88, nr_phys_segments: 90, write_hint: 92, ioprio: 94, state: 96, ref: 100, deadline: 104, end_io: 108, end_io_data: 112 } as const;
  constructor(readonly addr: number) {}
  get q(): number { return kread_u32(this.addr); }
  set q(v: number) { kwrite_u32(this.addr, v); }
  get mq_ctx(): number { return kread_u32(this.addr + 4); }
  set mq_ctx(v: number) { kwrite_u32(this.addr + 4, v); }
  get mq_hctx(): number { return kread_u32(this.addr + 8); }
  set mq_hctx(v: number) { kwrite_u32(this.addr + 8, v); }
  get cmd_flags(): number { return kread_u32(this.addr + 12); }
  set cmd_flags(v: number) { kwrite_u32(this.addr + 12, v); }
  get rq_flags(): number { return kread_u32(this.addr + 16); }
  set rq_flags(v: number) { kwrite_u32(this.addr + 16, v); }
  get tag(): number { return kread_i32(this.addr + 20); }
  set tag(v: number) { kwrite_i32(this.addr + 20, v); }
  get internal_tag(): number { return kread_i32(this.addr + 24); }
  set internal_tag(v: number) { kwrite_i32(this.addr + 24, v); }
  get timeout(): number { return kread_u32(this.addr + 28); }
  set timeout(v: number) { kwrite_u32(this.addr + 28, v); }
  get __data_len(): number { return kread_u32(this.addr + 32); }
  set __data_len(v: number) { kwrite_u32(this.addr + 32, v); }
  get __sector(): number { return kread_u64_num(this.addr + 40); }
  set __sector(v: number) { kwrite_i64_num(this.addr + 40, v); }
  get bio(): number { return kread_u32(this.addr + 48); }
  set bio(v: number) { kwrite_u32(this.addr + 48, v); }
  get biotail(): number { return kread_u32(this.addr + 52); }
  set biotail(v: number) { kwrite_u32(this.addr + 52, v); }
  get queuelist(): struct_list_head { return new struct_list_head(this.addr + 56); }
  get rq_next(): number { return kread_u32(this.addr + 56); }
  set rq_next(v: number) { kwrite_u32(this.addr + 56, v); }
  get part(): number { return kread_u32(this.addr + 64); }
  set part(v: number) { kwrite_u32(this.addr + 64, v); }
  get start_time_ns(): number { return kread_u64_num(this.addr + 72); }
  set start_time_ns(v: number) { kwrite_i64_num(this.addr + 72, v); }
  get io_start_time_ns(): number { return kread_u64_num(this.addr + 80); }
  set io_start_time_ns(v: number) { kwrite_i64_num(this.addr + 80, v); }
  get stats_sectors(): number { return kread_u16(this.addr + 88); }
  set stats_sectors(v: number) { kwrite_u16(this.addr + 88, v); }
  get nr_phys_segments(): number { return kread_u16(this.addr + 90); }
  set nr_phys_segments(v: number) { kwrite_u16(this.addr + 90, v); }
  get write_hint(): number { return kread_u16(this.addr + 92); }
  set write_hint(v: number) { kwrite_u16(this.addr + 92, v); }
  get ioprio(): number { return kread_u16(this.addr + 94); }
  set ioprio(v: number) { kwrite_u16(this.addr + 94, v); }
  get state(): number { return kread_i32(this.addr + 96); }
  set state(v: number) { kwrite_i32(this.addr + 96, v); }
  get ref(): struct_atomic_t { return new struct_atomic_t(this.addr + 100); }
  get deadline(): number { return kread_u32(this.addr + 104); }
  set deadline(v: number) { kwrite_u32(this.addr + 104, v); }
  get end_io(): number { return kread_u32(this.addr + 108); }
  set end_io(v: number) { kwrite_u32(this.addr + 108, v); }
  get end_io_data(): number { return kread_u32(this.addr + 112); }
  set end_io_data(v: number) { kwrite_u32(this.addr + 112, v); }
}
export const request_view = (addr: number): struct_request => new struct_request(addr);

export class struct_request_queue {
  static readonly SIZE = 28;
  static readonly OFF = { last_merge: 0, elevator: 4, mq_ops: 8, queue_depth: 12, nr_hw_queues: 16, queuedata: 20, queue_flags: 24 } as const;
  constructor(readonly addr: number) {}
  get last_merge(): number { return kread_u32(this.addr); }
  set last_merge(v: number) { kwrite_u32(this.addr, v); }
  get elevator(): number { return kread_u32(this.addr + 4); }
  set elevator(v: number) { kwrite_u32(this.addr + 4, v); }
  get mq_ops(): number { return kread_u32(this.addr + 8); }
  set mq_ops(v: number) { kwrite_u32(this.addr + 8, v); }
  get queue_depth(): number { return kread_u32(this.addr + 12); }
  set queue_depth(v: number) { kwrite_u32(this.addr + 12, v); }
  get nr_hw_queues(): number { return kread_u32(this.addr + 16); }
  set nr_hw_queues(v: number) { kwrite_u32(this.addr + 16, v); }
  get queuedata(): number { return kread_u32(this.addr + 20); }
  set queuedata(v: number) { kwrite_u32(this.addr + 20, v); }
  get queue_flags(): number { return kread_u32(this.addr + 24); }
  set queue_flags(v: number) { kwrite_u32(this.addr + 24, v); }
}
export const request_queue_view = (addr: number): struct_request_queue => new struct_request_queue(addr);

export class struct_resource {
  static readonly SIZE = 40;
  static readonly OFF = { start: 0, end: 8, name: 16, flags: 20, desc: 24, parent: 28, sibling: 32, child: 36 } as const;
  constructor(readonly addr: number) {}
  get start(): number { return kread_u64_num(this.addr); }
  set start(v: number) { kwrite_i64_num(this.addr, v); }
  get end(): number { return kread_u64_num(this.addr + 8); }
  set end(v: number) { kwrite_i64_num(this.addr + 8, v); }
  get name(): number { return kread_u32(this.addr + 16); }
  set name(v: number) { kwrite_u32(this.addr + 16, v); }
  get flags(): number { return kread_u32(this.addr + 20); }
  set flags(v: number) { kwrite_u32(this.addr + 20, v); }
  get desc(): number { return kread_u32(this.addr + 24); }
  set desc(v: number) { kwrite_u32(this.addr + 24, v); }
  get parent(): number { return kread_u32(this.addr + 28); }
  set parent(v: number) { kwrite_u32(this.addr + 28, v); }
  get sibling(): number { return kread_u32(this.addr + 32); }
  set sibling(v: number) { kwrite_u32(this.addr + 32, v); }
  get child(): number { return kread_u32(this.addr + 36); }
  set child(v: number) { kwrite_u32(this.addr + 36, v); }
}
export const resource_view = (addr: number): struct_resource => new struct_resource(addr);

export class struct_rtnl_link_stats64 {
  static readonly SIZE = 200;
  static readonly OFF = { rx_packets: 0, tx_packets: 8, rx_bytes: 16, tx_bytes: 24, rx_errors: 32, tx_errors: 40, rx_dropped: 48, tx_dropped: 56, multicast: 64, collisions: 72, rx_length_errors: 80, rx_over_errors: 88, rx_crc_errors: 96, rx_frame_errors: 104, rx_fifo_errors: 112, rx_missed_errors: 120, tx_aborted_errors: 128, tx_carrier_errors: 136, tx_fifo_errors: 144, tx_heartbeat_errors: 152, tx_window_errors: 160, rx_compressed: 168, tx_compressed: 176, rx_nohandler: 184, rx_otherhost_dropped: 192 } as const;
  constructor(readonly addr: number) {}
  get rx_packets(): number { return kread_u64_num(this.addr); }
  set rx_packets(v: number) { kwrite_i64_num(this.addr, v); }
  get tx_packets(): number { return kread_u64_num(this.addr + 8); }
  set tx_packets(v: number) { kwrite_i64_num(this.addr + 8, v); }
  get rx_bytes(): number { return kread_u64_num(this.addr + 16); }
  set rx_bytes(v: number) { kwrite_i64_num(this.addr + 16, v); }
  get tx_bytes(): number { return kread_u64_num(this.addr + 24); }
  set tx_bytes(v: number) { kwrite_i64_num(this.addr + 24, v); }
  get rx_errors(): number { return kread_u64_num(this.addr + 32); }
  set rx_errors(v: number) { kwrite_i64_num(this.addr + 32, v); }
  get tx_errors(): number { return kread_u64_num(this.addr + 40); }
  set tx_errors(v: number) { kwrite_i64_num(this.addr + 40, v); }
  get rx_dropped(): number { return kread_u64_num(this.addr + 48); }
  set rx_dropped(v: number) { kwrite_i64_num(this.addr + 48, v); }
  get tx_dropped(): number { return kread_u64_num(this.addr + 56); }
  set tx_dropped(v: number) { kwrite_i64_num(this.addr + 56, v); }
  get multicast(): number { return kread_u64_num(this.addr + 64); }
  set multicast(v: number) { kwrite_i64_num(this.addr + 64, v); }
  get collisions(): number { return kread_u64_num(this.addr + 72); }
  set collisions(v: number) { kwrite_i64_num(this.addr + 72, v); }
  get rx_length_errors(): number { return kread_u64_num(this.addr + 80); }
  set rx_length_errors(v: number) { kwrite_i64_num(this.addr + 80, v); }
  get rx_over_errors(): number { return kread_u64_num(this.addr + 88); }
  set rx_over_errors(v: number) { kwrite_i64_num(this.addr + 88, v); }
  get rx_crc_errors(): number { return kread_u64_num(this.addr + 96); }
  set rx_crc_errors(v: number) { kwrite_i64_num(this.addr + 96, v); }
  get rx_frame_errors(): number { return kread_u64_num(this.addr + 104); }
  set rx_frame_errors(v: number) { kwrite_i64_num(this.addr + 104, v); }
  get rx_fifo_errors(): number { return kread_u64_num(this.addr + 112); }
  set rx_fifo_errors(v: number) { kwrite_i64_num(this.addr + 112, v); }
  get rx_missed_errors(): number { return kread_u64_num(this.addr + 120); }
  set rx_missed_errors(v: number) { kwrite_i64_num(this.addr + 120, v); }
  get tx_aborted_errors(): number { return kread_u64_num(this.addr + 128); }
  set tx_aborted_errors(v: number) { kwrite_i64_num(this.addr + 128, v); }
  get tx_carrier_errors(): number { return kread_u64_num(this.addr + 136); }
  set tx_carrier_errors(v: number) { kwrite_i64_num(this.addr + 136, v); }
  get tx_fifo_errors(): number { return kread_u64_num(this.addr + 144); }
  set tx_fifo_errors(v: number) { kwrite_i64_num(this.addr + 144, v); }
  get tx_heartbeat_errors(): number { return kread_u64_num(this.addr + 152); }
  set tx_heartbeat_errors(v: number) { kwrite_i64_num(this.addr + 152, v); }
  get tx_window_errors(): number { return kread_u64_num(this.addr + 160); }
  set tx_window_errors(v: number) { kwrite_i64_num(this.addr + 160, v); }
  get rx_compressed(): number { return kread_u64_num(this.addr + 168); }
  set rx_compressed(v: number) { kwrite_i64_num(this.addr + 168, v); }
  get tx_compressed(): number { return kread_u64_num(this.addr + 176); }
  set tx_compressed(v: number) { kwrite_i64_num(this.addr + 176, v); }
  get rx_nohandler(): number { return kread_u64_num(this.addr + 184); }
  set rx_nohandler(v: number) { kwrite_i64_num(this.addr + 184, v); }
  get rx_otherhost_dropped(): number { return kread_u64_num(this.addr + 192); }
  set rx_otherhost_dropped(v: number) { kwrite_i64_num(this.addr + 192, v); }
}
export const rtnl_link_stats64_view = (addr: number): struct_rtnl_link_stats64 => new struct_rtnl_link_stats64(addr);

export class struct_rwlock_t {
  static readonly SIZE = 20;
  static readonly OFF = { raw_lock: 0, magic: 8, owner_cpu: 12, owner: 16 } as const;
  constructor(readonly addr: number) {}
  get raw_lock(): struct_qrwlock { return new struct_qrwlock(this.addr); }
  get magic(): number { return kread_u32(this.addr + 8); }
  set magic(v: number) { kwrite_u32(this.addr + 8, v); }
  get owner_cpu(): number { return kread_u32(this.addr + 12); }
  set owner_cpu(v: number) { kwrite_u32(this.addr + 12, v); }
  get owner(): number { return kread_u32(this.addr + 16); }
  set owner(v: number) { kwrite_u32(this.addr + 16, v); }
}
export const rwlock_t_view = (addr: number): struct_rwlock_t => new struct_rwlock_t(addr);

export class struct_semaphore {
  static readonly SIZE = 28;
  static readonly OFF = { lock: 0, count: 16, wait_list: 20 } as const;
  constructor(readonly addr: number) {}
  get lock(): struct_raw_spinlock { return new struct_raw_spinlock(this.addr); }
  get count(): number { return kread_u32(this.addr + 16); }
  set count(v: number) { kwrite_u32(this.addr + 16, v); }
  get wait_list(): struct_list_head { return new struct_list_head(this.addr + 20); }
}
export const semaphore_view = (addr: number): struct_semaphore => new struct_semaphore(addr);

export class struct_seq_file {
  static readonly SIZE = 88;
  static readonly OFF = { buf: 0, size: 4, from: 8, count: 12, pad_until: 16, index: 24, read_pos: 32, lock: 40, op: 72, poll_event: 76, file: 80, private: 84 } as const;
  constructor(readonly addr: number) {}
  get buf(): number { return kread_u32(this.addr); }
  set buf(v: number) { kwrite_u32(this.addr, v); }
  get size(): number { return kread_u32(this.addr + 4); }
  set size(v: number) { kwrite_u32(this.addr + 4, v); }
  get from(): number { return kread_u32(this.addr + 8); }
  set from(v: number) { kwrite_u32(this.addr + 8, v); }
  get count(): number { return kread_u32(this.addr + 12); }
  set count(v: number) { kwrite_u32(this.addr + 12, v); }
  get pad_until(): number { return kread_u32(this.addr + 16); }
  set pad_until(v: number) { kwrite_u32(this.addr + 16, v); }
  get index(): number { return kread_i64_num(this.addr + 24); }
  set index(v: number) { kwrite_i64_num(this.addr + 24, v); }
  get read_pos(): number { return kread_i64_num(this.addr + 32); }
  set read_pos(v: number) { kwrite_i64_num(this.addr + 32, v); }
  get lock(): struct_mutex { return new struct_mutex(this.addr + 40); }
  get op(): number { return kread_u32(this.addr + 72); }
  set op(v: number) { kwrite_u32(this.addr + 72, v); }
  get poll_event(): number { return kread_i32(this.addr + 76); }
  set poll_event(v: number) { kwrite_i32(this.addr + 76, v); }
  get file(): number { return kread_u32(this.addr + 80); }
  set file(v: number) { kwrite_u32(this.addr + 80, v); }
  get private(): number { return kread_u32(this.addr + 84); }
  set private(v: number) { kwrite_u32(this.addr + 84, v); }
}
export const seq_file_view = (addr: number): struct_seq_file => new struct_seq_file(addr);

export class struct_seq_operations {
  static readonly SIZE = 16;
  static readonly OFF = { start: 0, stop: 4, next: 8, show: 12 } as const;
  constructor(readonly addr: number) {}
  get start(): number { return kread_u32(this.addr); }
  set start(v: number) { kwrite_u32(this.addr, v); }
  get stop(): number { return kread_u32(this.addr + 4); }
  set stop(v: number) { kwrite_u32(this.addr + 4, v); }
  get next(): number { return kread_u32(this.addr + 8); }
  set next(v: number) { kwrite_u32(this.addr + 8, v); }
  get show(): number { return kread_u32(this.addr + 12); }
  set show(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const seq_operations_view = (addr: number): struct_seq_operations => new struct_seq_operations(addr);

export class struct_sigpending {
  static readonly SIZE = 16;
  static readonly OFF = { list: 0, signal: 8 } as const;
  constructor(readonly addr: number) {}
  get list(): struct_list_head { return new struct_list_head(this.addr); }
  get signal(): struct_sigset_t { return new struct_sigset_t(this.addr + 8); }
}
export const sigpending_view = (addr: number): struct_sigpending => new struct_sigpending(addr);

export class struct_sigset_t {
  static readonly SIZE = 8;
  static readonly OFF = { sig: 0 } as const;
  constructor(readonly addr: number) {}
  sig_at(i: number): number { return kread_u32(this.addr + i * 4); }
  set_sig_at(i: number, v: number): void { kwrite_u32(this.addr + i * 4, v); }
}
export const sigset_t_view = (addr: number): struct_sigset_t => new struct_sigset_t(addr);

export class struct_sk_buff {
  static readonly SIZE = 160;
  static readonly OFF = { next: 0, prev: 4, dev: 8, sk: 12, tstamp: 16, cb: 24, _skb_refdst: 72, destructor: 76, len: 80, data_len: 84, mac_len: 88, hdr_len: 90, queue_mapping: 92, cloned: 94, nohdr: 94, fclone: 94, peeked: 94, head_frag: 94, pfmemalloc: 94, pp_recycle: 94, active_extensions: 95, pkt_type: 96, ignore_df: 96, nf_trace: 96, ip_summed: 96, ooo_okay: 96, l4_hash: 97, sw_hash: 97, wifi_acked_valid: 97, wifi_acked: 97, no_fcs: 97, encapsulation: 97, encap_hdr_csum: 97, csum_valid: 97, vlan_present: 98, csum_complete_sw: 98, csum_level: 98, dst_pending_confirm: 98, mono_delivery_time: 98, tc_skip_classify: 98, tc_at_ingress: 98, ndisc_nodetype: 99, ipvs_property: 99, inner_protocol_type: 99, remcsum_offload: 99, offload_fwd_mark: 99, offload_l3_fwd_mark: 99, redirected: 99, from_ingress: 100, nf_skip_egress: 100, decrypted: 100, slow_gro: 100, csum_not_inet: 100, scm_io_uring: 100, tc_index: 102, priority: 104, skb_iif: 108, hash: 112, vlan_proto: 116, vlan_tci: 118, mark: 120, protocol: 124, transport_header: 126, network_header: 128, mac_header: 130, tail: 132, end: 136, head: 140, data: 144, truesize: 148, users: 152 } as const;
  constructor(readonly addr: number) {}
  get next(): number { return kread_u32(this.addr); }
  set next(v: number) { kwrite_u32(this.addr, v); }
  get prev(): number { return kread_u32(this.addr + 4); }
  set prev(v: number) { kwrite_u32(this.addr + 4, v); }
  get dev(): number { return kread_u32(this.addr + 8); }
  set dev(v: number) { kwrite_u32(this.addr + 8, v); }
  get sk(): number { return kread_u32(this.addr + 12); }
  set sk(v: number) { kwrite_u32(this.addr + 12, v); }
  get tstamp(): number { return kread_i64_num(this.addr + 16); }
  set tstamp(v: number) { kwrite_i64_num(this.addr + 16, v); }
  cb_at(i: number): number { return kread_i8(this.addr + 24 + i * 1); }
  set_cb_at(i: number, v: number): void { kwrite_u8(this.addr + 24 + i * 1, v); }
  get _skb_refdst(): number { return kread_u32(this.addr + 72); }
  set _skb_refdst(v: number) { kwrite_u32(this.addr + 72, v); }
  get destructor(): number { return kread_u32(this.addr + 76); }
  set destructor(v: number) { kwrite_u32(this.addr + 76, v); }
  get len(): number { return kread_u32(this.addr + 80); }
  set len(v: number) { kwrite_u32(this.addr + 80, v); }
  get data_len(): number { return kread_u32(this.addr + 84); }
  set data_len(v: number) { kwrite_u32(this.addr + 84, v); }
  get mac_len(): number { return kread_u16(this.addr + 88); }
  set mac_len(v: number) { kwrite_u16(this.addr + 88, v); }
  get hdr_len(): number { return kread_u16(this.addr + 90); }
  set hdr_len(v: number) { kwrite_u16(this.addr + 90, v); }
  get queue_mapping(): number { return kread_u16(this.addr + 92); }
  set queue_mapping(v: number) { kwrite_u16(this.addr + 92, v); }
  get cloned(): number { return Math.floor(kread_u8(this.addr + 94) / 1) & 1; }
  set cloned(v: number) { const o = kread_u8(this.addr + 94); kwrite_u8(this.addr + 94, ((o & ~1) | ((v & 1) * 1)) >>> 0); }
  get nohdr(): number { return Math.floor(kread_u8(this.addr + 94) / 2) & 1; }
  set nohdr(v: number) { const o = kread_u8(this.addr + 94); kwrite_u8(this.addr + 94, ((o & ~2) | ((v & 1) * 2)) >>> 0); }
  get fclone(): number { return Math.floor(kread_u8(this.addr + 94) / 4) & 3; }
  set fclone(v: number) { const o = kread_u8(this.addr + 94); kwrite_u8(this.addr + 94, ((o & ~12) | ((v & 3) * 4)) >>> 0); }
  get peeked(): number { return Math.floor(kread_u8(this.addr + 94) / 16) & 1; }
  set peeked(v: number) { const o = kread_u8(this.addr + 94); kwrite_u8(this.addr + 94, ((o & ~16) | ((v & 1) * 16)) >>> 0); }
  get head_frag(): number { return Math.floor(kread_u8(this.addr + 94) / 32) & 1; }
  set head_frag(v: number) { const o = kread_u8(this.addr + 94); kwrite_u8(this.addr + 94, ((o & ~32) | ((v & 1) * 32)) >>> 0); }
  get pfmemalloc(): number { return Math.floor(kread_u8(this.addr + 94) / 64) & 1; }
  set pfmemalloc(v: number) { const o = kread_u8(this.addr + 94); kwrite_u8(this.addr + 94, ((o & ~64) | ((v & 1) * 64)) >>> 0); }
  get pp_recycle(): number { return Math.floor(kread_u8(this.addr + 94) / 128) & 1; }
  set pp_recycle(v: number) { const o = kread_u8(this.addr + 94); kwrite_u8(this.addr + 94, ((o & ~128) | ((v & 1) * 128)) >>> 0); }
  get active_extensions(): number { return kread_u8(this.addr + 95); }
  set active_extensions(v: number) { kwrite_u8(this.addr + 95, v); }
  get pkt_type(): number { return Math.floor(kread_u8(this.addr + 96) / 1) & 7; }
  set pkt_type(v: number) { const o = kread_u8(this.addr + 96); kwrite_u8(this.addr + 96, ((o & ~7) | ((v & 7) * 1)) >>> 0); }
  get ignore_df(): number { return Math.floor(kread_u8(this.addr + 96) / 8) & 1; }
  set ignore_df(v: number) { const o = kread_u8(this.addr + 96); kwrite_u8(this.addr + 96, ((o & ~8) | ((v & 1) * 8)) >>> 0); }
  get nf_trace(): number { return Math.floor(kread_u8(this.addr + 96) / 16) & 1; }
  set nf_trace(v: number) { const o = kread_u8(this.addr + 96); kwrite_u8(this.addr + 96, ((o & ~16) | ((v & 1) * 16)) >>> 0); }
  get ip_summed(): number { return Math.floor(kread_u8(this.addr + 96) / 32) & 3; }
  set ip_summed(v: number) { const o = kread_u8(this.addr + 96); kwrite_u8(this.addr + 96, ((o & ~96) | ((v & 3) * 32)) >>> 0); }
  get ooo_okay(): number { return Math.floor(kread_u8(this.addr + 96) / 128) & 1; }
  set ooo_okay(v: number) { const o = kread_u8(this.addr + 96); kwrite_u8(this.addr + 96, ((o & ~128) | ((v & 1) * 128)) >>> 0); }
  get l4_hash(): number { return Math.floor(kread_u8(this.addr + 97) / 1) & 1; }
  set l4_hash(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~1) | ((v & 1) * 1)) >>> 0); }
  get sw_hash(): number { return Math.floor(kread_u8(this.addr + 97) / 2) & 1; }
  set sw_hash(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~2) | ((v & 1) * 2)) >>> 0); }
  get wifi_acked_valid(): number { return Math.floor(kread_u8(this.addr + 97) / 4) & 1; }
  set wifi_acked_valid(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~4) | ((v & 1) * 4)) >>> 0); }
  get wifi_acked(): number { return Math.floor(kread_u8(this.addr + 97) / 8) & 1; }
  set wifi_acked(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~8) | ((v & 1) * 8)) >>> 0); }
  get no_fcs(): number { return Math.floor(kread_u8(this.addr + 97) / 16) & 1; }
  set no_fcs(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~16) | ((v & 1) * 16)) >>> 0); }
  get encapsulation(): number { return Math.floor(kread_u8(this.addr + 97) / 32) & 1; }
  set encapsulation(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~32) | ((v & 1) * 32)) >>> 0); }
  get encap_hdr_csum(): number { return Math.floor(kread_u8(this.addr + 97) / 64) & 1; }
  set encap_hdr_csum(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~64) | ((v & 1) * 64)) >>> 0); }
  get csum_valid(): number { return Math.floor(kread_u8(this.addr + 97) / 128) & 1; }
  set csum_valid(v: number) { const o = kread_u8(this.addr + 97); kwrite_u8(this.addr + 97, ((o & ~128) | ((v & 1) * 128)) >>> 0); }
  get vlan_present(): number { return Math.floor(kread_u8(this.addr + 98) / 1) & 1; }
  set vlan_present(v: number) { const o = kread_u8(this.addr + 98); kwrite_u8(this.addr + 98, ((o & ~1) | ((v & 1) * 1)) >>> 0); }
  get csum_complete_sw(): number { return Math.floor(kread_u8(this.addr + 98) / 2) & 1; }
  set csum_complete_sw(v: number) { const o = kread_u8(this.addr + 98); kwrite_u8(this.addr + 98, ((o & ~2) | ((v & 1) * 2)) >>> 0); }
  get csum_level(): number { return Math.floor(kread_u8(this.addr + 98) / 4) & 3; }
  set csum_level(v: number) { const o = kread_u8(this.addr + 98); kwrite_u8(this.addr + 98, ((o & ~12) | ((v & 3) * 4)) >>> 0); }
  get dst_pending_confirm(): number { return Math.floor(kread_u8(this.addr + 98) / 16) & 1; }
  set dst_pending_confirm(v: number) { const o = kread_u8(this.addr + 98); kwrite_u8(this.addr + 98, ((o & ~16) | ((v & 1) * 16)) >>> 0); }
  get mono_delivery_time(): number { return Math.floor(kread_u8(this.addr + 98) / 32) & 1; }
  set mono_delivery_time(v: number) { const o = kread_u8(this.addr + 98); kwrite_u8(this.addr + 98, ((o & ~32) | ((v & 1) * 32)) >>> 0); }
  get tc_skip_classify(): number { return Math.floor(kread_u8(this.addr + 98) / 64) & 1; }
  set tc_skip_classify(v: number) { const o = kread_u8(this.addr + 98); kwrite_u8(this.addr + 98, ((o & ~64) | ((v & 1) * 64)) >>> 0); }
  get tc_at_ingress(): number { return Math.floor(kread_u8(this.addr + 98) / 128) & 1; }
  set tc_at_ingress(v: number) { const o = kread_u8(this.addr + 98); kwrite_u8(this.addr + 98, ((o & ~128) | ((v & 1) * 128)) >>> 0); }
  get ndisc_nodetype(): number { return Math.floor(kread_u8(this.addr + 99) / 1) & 3; }
  set ndisc_nodetype(v: number) { const o = kread_u8(this.addr + 99); kwrite_u8(this.addr + 99, ((o & ~3) | ((v & 3) * 1)) >>> 0); }
  get ipvs_property(): number { return Math.floor(kread_u8(this.addr + 99) / 4) & 1; }
  set ipvs_property(v: number) { const o = kread_u8(this.addr + 99); kwrite_u8(this.addr + 99, ((o & ~4) | ((v & 1) * 4)) >>> 0); }
  get inner_protocol_type(): number { return Math.floor(kread_u8(this.addr + 99) / 8) & 1; }
  set inner_protocol_type(v: number) { const o = kread_u8(this.addr + 99); kwrite_u8(this.addr + 99, ((o & ~8) | ((v & 1) * 8)) >>> 0); }
  get remcsum_offload(): number { return Math.floor(kread_u8(this.addr + 99) / 16) & 1; }
  set remcsum_offload(v: number) { const o = kread_u8(this.addr + 99); kwrite_u8(this.addr + 99, ((o & ~16) | ((v & 1) * 16)) >>> 0); }
  get offload_fwd_mark(): number { return Math.floor(kread_u8(this.addr + 99) / 32) & 1; }
  set offload_fwd_mark(v: number) { const o = kread_u8(this.addr + 99); kwrite_u8(this.addr + 99, ((o & ~32) | ((v & 1) * 32)) >>> 0); }
  get offload_l3_fwd_mark(): number { return Math.floor(kread_u8(this.addr + 99) / 64) & 1; }
  set offload_l3_fwd_mark(v: number) { const o = kread_u8(this.addr + 99); kwrite_u8(this.addr + 99, ((o & ~64) | ((v & 1) * 64)) >>> 0); }
  get redirected(): number { return Math.floor(kread_u8(this.addr + 99) / 128) & 1; }
  set redirected(v: number) { const o = kread_u8(this.addr + 99); kwrite_u8(this.addr + 99, ((o & ~128) | ((v & 1) * 128)) >>> 0); }
  get from_ingress(): number { return Math.floor(kread_u8(this.addr + 100) / 1) & 1; }
  set from_ingress(v: number) { const o = kread_u8(this.addr + 100); kwrite_u8(this.addr + 100, ((o & ~1) | ((v & 1) * 1)) >>> 0); }
  get nf_skip_egress(): number { return Math.floor(kread_u8(this.addr + 100) / 2) & 1; }
  set nf_skip_egress(v: number) { const o = kread_u8(this.addr + 100); kwrite_u8(this.addr + 100, ((o & ~2) | ((v & 1) * 2)) >>> 0); }
  get decrypted(): number { return Math.floor(kread_u8(this.addr + 100) / 4) & 1; }
  set decrypted(v: number) { const o = kread_u8(this.addr + 100); kwrite_u8(this.addr + 100, ((o & ~4) | ((v & 1) * 4)) >>> 0); }
  get slow_gro(): number { return Math.floor(kread_u8(this.addr + 100) / 8) & 1; }
  set slow_gro(v: number) { const o = kread_u8(this.addr + 100); kwrite_u8(this.addr + 100, ((o & ~8) | ((v & 1) * 8)) >>> 0); }
  get csum_not_inet(): number { return Math.floor(kread_u8(this.addr + 100) / 16) & 1; }
  set csum_not_inet(v: number) { const o = kread_u8(this.addr + 100); kwrite_u8(this.addr + 100, ((o & ~16) | ((v & 1) * 16)) >>> 0); }
  get scm_io_uring(): number { return Math.floor(kread_u8(this.addr + 100) / 32) & 1; }
  set scm_io_uring(v: number) { const o = kread_u8(this.addr + 100); kwrite_u8(this.addr + 100, ((o & ~32) | ((v & 1) * 32)) >>> 0); }
  get tc_index(): number { return kread_u16(this.addr + 102); }
  set tc_index(v: number) { kwrite_u16(this.addr + 102, v); }
  get priority(): number { return kread_u32(this.addr + 104); }
  set priority(v: number) { kwrite_u32(this.addr + 104, v); }
  get skb_iif(): number { return kread_i32(this.addr + 108); }
  set skb_iif(v: number) { kwrite_i32(this.addr + 108, v); }
  get hash(): number { return kread_u32(this.addr + 112); }
  set hash(v: number) { kwrite_u32(this.addr + 112, v); }
  get vlan_proto(): number { return kread_u16(this.addr + 116); }
  set vlan_proto(v: number) { kwrite_u16(this.addr + 116, v); }
  get vlan_tci(): number { return kread_u16(this.addr + 118); }
  set vlan_tci(v: number) { kwrite_u16(this.addr + 118, v); }
  get mark(): number { return kread_u32(this.addr + 120); }
  set mark(v: number) { kwrite_u32(this.addr + 120, v); }
  get protocol(): number { return kread_u16(this.addr + 124); }
  set protocol(v: number) { kwrite_u16(this.addr + 124, v); }
  get transport_header(): number { return kread_u16(this.addr + 126); }
  set transport_header(v: number) { kwrite_u16(this.addr + 126, v); }
  get network_header(): number { return kread_u16(this.addr + 128); }
  set network_header(v: number) { kwrite_u16(this.addr + 128, v); }
  get mac_header(): number { return kread_u16(this.addr + 130); }
  set mac_header(v: number) { kwrite_u16(this.addr + 130, v); }
  get tail(): number { return kread_u32(this.addr + 132); }
  set tail(v: number) { kwrite_u32(this.addr + 132, v); }
  get end(): number { return kread_u32(this.addr + 136); }
  set end(v: number) { kwrite_u32(this.addr + 136, v); }
  get head(): number { return kread_u32(this.addr + 140); }
  set head(v: number) { kwrite_u32(this.addr + 140, v); }
  get data(): number { return kread_u32(this.addr + 144); }
  set data(v: number) { kwrite_u32(this.addr + 144, v); }
  get truesize(): number { return kread_u32(this.addr + 148); }
  set truesize(v: number) { kwrite_u32(this.addr + 148, v); }
  get users(): struct_refcount_struct { return new struct_refcount_struct(this.addr + 152); }
}
export const sk_buff_view = (addr: number): struct_sk_buff => new struct_sk_buff(addr);

export class struct_sk_buff_head {
  static readonly SIZE = 28;
  static readonly OFF = { next: 0, prev: 4, qlen: 8, lock: 12 } as const;
  constructor(readonly addr: number) {}
  get next(): number { return kread_u32(this.addr); }
  set next(v: number) { kwrite_u32(this.addr, v); }
  get prev(): number { return kread_u32(this.addr + 4); }
  set prev(v: number) { kwrite_u32(this.addr + 4, v); }
  get qlen(): number { return kread_u32(this.addr + 8); }
  set qlen(v: number) { kwrite_u32(this.addr + 8, v); }
  get lock(): struct_spinlock { return new struct_spinlock(this.addr + 12); }
}
export const sk_buff_head_view = (addr: number): struct_sk_buff_head => new struct_sk_buff_head(addr);

export class struct_spi_delay {
  static readonly SIZE = 4;
  static readonly OFF = { value: 0, unit: 2 } as const;
  constructor(readonly addr: number) {}
  get value(): number { return kread_u16(this.addr); }
  set value(v: number) { kwrite_u16(this.addr, v); }
  get unit(): number { return kread_u8(this.addr + 2); }
  set unit(v: number) { kwrite_u8(this.addr + 2, v); }
}
export const spi_delay_view = (addr: number): struct_spi_delay => new struct_spi_delay(addr);

export class struct_spi_device {
  static readonly SIZE = 264;
  static readonly OFF = { dev: 0, controller: 184, max_speed_hz: 188, chip_select: 192, bits_per_word: 193, rt: 194, mode: 196, irq: 200, controller_state: 204, controller_data: 208, modalias: 212, driver_override: 244, cs_setup: 248, cs_hold: 252, cs_inactive: 256, pcpu_statistics: 260 } as const;
  constructor(readonly addr: number) {}
  get dev(): struct_device { return new struct_device(this.addr); }
  get controller(): number { return kread_u32(this.addr + 184); }
  set controller(v: number) { kwrite_u32(this.addr + 184, v); }
  get max_speed_hz(): number { return kread_u32(this.addr + 188); }
  set max_speed_hz(v: number) { kwrite_u32(this.addr + 188, v); }
  get chip_select(): number { return kread_u8(this.addr + 192); }
  set chip_select(v: number) { kwrite_u8(this.addr + 192, v); }
  get bits_per_word(): number { return kread_u8(this.addr + 193); }
  set bits_per_word(v: number) { kwrite_u8(this.addr + 193, v); }
  get rt(): boolean { return kread_bool(this.addr + 194); }
  set rt(v: boolean) { kwrite_bool(this.addr + 194, v); }
  get mode(): number { return kread_u32(this.addr + 196); }
  set mode(v: number) { kwrite_u32(this.addr + 196, v); }
  get irq(): number { return kread_i32(this.addr + 200); }
  set irq(v: number) { kwrite_i32(this.addr + 200, v); }
  get controller_state(): number { return kread_u32(this.addr + 204); }
  set controller_state(v: number) { kwrite_u32(this.addr + 204, v); }
  get controller_data(): number { return kread_u32(this.addr + 208); }
  set controller_data(v: number) { kwrite_u32(this.addr + 208, v); }
  modalias_at(i: number): number { return kread_i8(this.addr + 212 + i * 1); }
  set_modalias_at(i: number, v: number): void { kwrite_u8(this.addr + 212 + i * 1, v); }
  get driver_override(): number { return kread_u32(this.addr + 244); }
  set driver_override(v: number) { kwrite_u32(this.addr + 244, v); }
  get cs_setup(): struct_spi_delay { return new struct_spi_delay(this.addr + 248); }
  get cs_hold(): struct_spi_delay { return new struct_spi_delay(this.addr + 252); }
  get cs_inactive(): struct_spi_delay { return new struct_spi_delay(this.addr + 256); }
  get pcpu_statistics(): number { return kread_u32(this.addr + 260); }
  set pcpu_statistics(v: number) { kwrite_u32(this.addr + 260, v); }
}
export const spi_device_view = (addr: number): struct_spi_device => new struct_spi_device(addr);

export class struct_spi_device_id {
  static readonly SIZE = 36;
  static readonly OFF = { name: 0, driver_data: 32 } as const;
  constructor(readonly addr: number) {}
  name_at(i: number): number { return kread_i8(this.addr + i * 1); }
  set_name_at(i: number, v: number): void { kwrite_u8(this.addr + i * 1, v); }
  get driver_data(): number { return kread_u32(this.addr + 32); }
  set driver_data(v: number) { kwrite_u32(this.addr + 32, v); }
}
export const spi_device_id_view = (addr: number): struct_spi_device_id => new struct_spi_device_id(addr);

export class struct_spi_driver {
  static readonly SIZE = 92;
  static readonly OFF = { id_table: 0, probe: 4, remove: 8, shutdown: 12, driver: 16 } as const;
  constructor(readonly addr: number) {}
  get id_table(): number { return kread_u32(this.addr); }
  set id_table(v: number) { kwrite_u32(this.addr, v); }
  get probe(): number { return kread_u32(this.addr + 4); }
  set probe(v: number) { kwrite_u32(this.addr + 4, v); }
  get remove(): number { return kread_u32(this.addr + 8); }
  set remove(v: number) { kwrite_u32(this.addr + 8, v); }
  get shutdown(): number { return kread_u32(this.addr + 12); }
  set shutdown(v: number) { kwrite_u32(this.addr + 12, v); }
  get driver(): struct_device_driver { return new struct_device_driver(this.addr + 16); }
}
export const spi_driver_view = (addr: number): struct_spi_driver => new struct_spi_driver(addr);

export class struct_spi_message {
  static readonly SIZE = 60;
  static readonly OFF = { transfers: 0, spi: 8, is_dma_mapped: 12, complete: 16, context: 20, frame_length: 24, actual_length: 28, status: 32, queue: 36, state: 44, resources: 48, prepared: 56 } as const;
  constructor(readonly addr: number) {}
  get transfers(): struct_list_head { return new struct_list_head(this.addr); }
  get spi(): number { return kread_u32(this.addr + 8); }
  set spi(v: number) { kwrite_u32(this.addr + 8, v); }
  get is_dma_mapped(): number { return kread_u8(this.addr + 12); }
  set is_dma_mapped(v: number) { kwrite_u8(this.addr + 12, v); }
  get complete(): number { return kread_u32(this.addr + 16); }
  set complete(v: number) { kwrite_u32(this.addr + 16, v); }
  get context(): number { return kread_u32(this.addr + 20); }
  set context(v: number) { kwrite_u32(this.addr + 20, v); }
  get frame_length(): number { return kread_u32(this.addr + 24); }
  set frame_length(v: number) { kwrite_u32(this.addr + 24, v); }
  get actual_length(): number { return kread_u32(this.addr + 28); }
  set actual_length(v: number) { kwrite_u32(this.addr + 28, v); }
  get status(): number { return kread_i32(this.addr + 32); }
  set status(v: number) { kwrite_i32(this.addr + 32, v); }
  get queue(): struct_list_head { return new struct_list_head(this.addr + 36); }
  get state(): number { return kread_u32(this.addr + 44); }
  set state(v: number) { kwrite_u32(this.addr + 44, v); }
  get resources(): struct_list_head { return new struct_list_head(this.addr + 48); }
  get prepared(): boolean { return kread_bool(this.addr + 56); }
  set prepared(v: boolean) { kwrite_bool(this.addr + 56, v); }
}
export const spi_message_view = (addr: number): struct_spi_message => new struct_spi_message(addr);

export class struct_spi_transfer {
  static readonly SIZE = 88;
  static readonly OFF = { tx_buf: 0, rx_buf: 4, len: 8, tx_dma: 16, rx_dma: 24, dummy_data: 32, cs_off: 33, cs_change: 34, tx_nbits: 35, rx_nbits: 36, bits_per_word: 37, delay: 38, cs_change_delay: 42, word_delay: 46, speed_hz: 52, effective_speed_hz: 56, ptp_sts_word_pre: 60, ptp_sts_word_post: 64, ptp_sts: 68, timestamped: 72, transfer_list: 76, error: 84 } as const;
  constructor(readonly addr: number) {}
  get tx_buf(): number { return kread_u32(this.addr); }
  set tx_buf(v: number) { kwrite_u32(this.addr, v); }
  get rx_buf(): number { return kread_u32(this.addr + 4); }
  set rx_buf(v: number) { kwrite_u32(this.addr + 4, v); }
  get len(): number { return kread_u32(this.addr + 8); }
  set len(v: number) { kwrite_u32(this.addr + 8, v); }
  get tx_dma(): number { return kread_u64_num(this.addr + 16); }
  set tx_dma(v: number) { kwrite_i64_num(this.addr + 16, v); }
  get rx_dma(): number { return kread_u64_num(this.addr + 24); }
  set rx_dma(v: number) { kwrite_i64_num(this.addr + 24, v); }
  get dummy_data(): number { return kread_u8(this.addr + 32); }
  set dummy_data(v: number) { kwrite_u8(this.addr + 32, v); }
  get cs_off(): number { return kread_u8(this.addr + 33); }
  set cs_off(v: number) { kwrite_u8(this.addr + 33, v); }
  get cs_change(): number { return kread_u8(this.addr + 34); }
  set cs_change(v: number) { kwrite_u8(this.addr + 34, v); }
  get tx_nbits(): number { return kread_u8(this.addr + 35); }
  set tx_nbits(v: number) { kwrite_u8(this.addr + 35, v); }
  get rx_nbits(): number { return kread_u8(this.addr + 36); }
  set rx_nbits(v: number) { kwrite_u8(this.addr + 36, v); }
  get bits_per_word(): number { return kread_u8(this.addr + 37); }
  set bits_per_word(v: number) { kwrite_u8(this.addr + 37, v); }
  get delay(): struct_spi_delay { return new struct_spi_delay(this.addr + 38); }
  get cs_change_delay(): struct_spi_delay { return new struct_spi_delay(this.addr + 42); }
  get word_delay(): struct_spi_delay { return new struct_spi_delay(this.addr + 46); }
  get speed_hz(): number { return kread_u32(this.addr + 52); }
  set speed_hz(v: number) { kwrite_u32(this.addr + 52, v); }
  get effective_speed_hz(): number { return kread_u32(this.addr + 56); }
  set effective_speed_hz(v: number) { kwrite_u32(this.addr + 56, v); }
  get ptp_sts_word_pre(): number { return kread_u32(this.addr + 60); }
  set ptp_sts_word_pre(v: number) { kwrite_u32(this.addr + 60, v); }
  get ptp_sts_word_post(): number { return kread_u32(this.addr + 64); }
  set ptp_sts_word_post(v: number) { kwrite_u32(this.addr + 64, v); }
  get ptp_sts(): number { return kread_u32(this.addr + 68); }
  set ptp_sts(v: number) { kwrite_u32(this.addr + 68, v); }
  get timestamped(): boolean { return kread_bool(this.addr + 72); }
  set timestamped(v: boolean) { kwrite_bool(this.addr + 72, v); }
  get transfer_list(): struct_list_head { return new struct_list_head(this.addr + 76); }
  get error(): number { return kread_u16(this.addr + 84); }
  set error(v: number) { kwrite_u16(this.addr + 84, v); }
}
export const spi_transfer_view = (addr: number): struct_spi_transfer => new struct_spi_transfer(addr);

export class struct_spinlock {
  static readonly SIZE = 16;
  static readonly OFF = { rlock: 0 } as const;
  constructor(readonly addr: number) {}
  get rlock(): struct_raw_spinlock { return new struct_raw_spinlock(this.addr); }
}
export const spinlock_view = (addr: number): struct_spinlock => new struct_spinlock(addr);

export class struct_swait_queue_head {
  static readonly SIZE = 24;
  static readonly OFF = { lock: 0, task_list: 16 } as const;
  constructor(readonly addr: number) {}
  get lock(): struct_raw_spinlock { return new struct_raw_spinlock(this.addr); }
  get task_list(): struct_list_head { return new struct_list_head(this.addr + 16); }
}
export const swait_queue_head_view = (addr: number): struct_swait_queue_head => new struct_swait_queue_head(addr);

export class struct_sysfs_ops {
  static readonly SIZE = 8;
  static readonly OFF = { show: 0, store: 4 } as const;
  constructor(readonly addr: number) {}
  get show(): number { return kread_u32(this.addr); }
  set show(v: number) { kwrite_u32(this.addr, v); }
  get store(): number { return kread_u32(this.addr + 4); }
  set store(v: number) { kwrite_u32(this.addr + 4, v); }
}
export const sysfs_ops_view = (addr: number): struct_sysfs_ops => new struct_sysfs_ops(addr);

export class struct_task_struct {
  static readonly SIZE = 124;
  static readonly OFF = { __state: 0, stack: 4, usage: 8, flags: 12, prio: 16, static_prio: 20, normal_prio: 24, tasks: 28, exit_state: 36, exit_code: 40, exit_signal: 44, pid: 48, tgid: 52, real_parent: 56, parent: 60, children: 64, sibling: 72, group_leader: 80, comm: 84, pending: 100, blocked: 116 } as const;
  constructor(readonly addr: number) {}
  get __state(): number { return kread_u32(this.addr); }
  set __state(v: number) { kwrite_u32(this.addr, v); }
  get stack(): number { return kread_u32(this.addr + 4); }
  set stack(v: number) { kwrite_u32(this.addr + 4, v); }
  get usage(): struct_refcount_struct { return new struct_refcount_struct(this.addr + 8); }
  get flags(): number { return kread_u32(this.addr + 12); }
  set flags(v: number) { kwrite_u32(this.addr + 12, v); }
  get prio(): number { return kread_i32(this.addr + 16); }
  set prio(v: number) { kwrite_i32(this.addr + 16, v); }
  get static_prio(): number { return kread_i32(this.addr + 20); }
  set static_prio(v: number) { kwrite_i32(this.addr + 20, v); }
  get normal_prio(): number { return kread_i32(this.addr + 24); }
  set normal_prio(v: number) { kwrite_i32(this.addr + 24, v); }
  get tasks(): struct_list_head { return new struct_list_head(this.addr + 28); }
  get exit_state(): number { return kread_i32(this.addr + 36); }
  set exit_state(v: number) { kwrite_i32(this.addr + 36, v); }
  get exit_code(): number { return kread_i32(this.addr + 40); }
  set exit_code(v: number) { kwrite_i32(this.addr + 40, v); }
  get exit_signal(): number { return kread_i32(this.addr + 44); }
  set exit_signal(v: number) { kwrite_i32(this.addr + 44, v); }
  get pid(): number { return kread_i32(this.addr + 48); }
  set pid(v: number) { kwrite_i32(this.addr + 48, v); }
  get tgid(): number { return kread_i32(this.addr + 52); }
  set tgid(v: number) { kwrite_i32(this.addr + 52, v); }
  get real_parent(): number { return kread_u32(this.addr + 56); }
  set real_parent(v: number) { kwrite_u32(this.addr + 56, v); }
  get parent(): number { return kread_u32(this.addr + 60); }
  set parent(v: number) { kwrite_u32(this.addr + 60, v); }
  get children(): struct_list_head { return new struct_list_head(this.addr + 64); }
  get sibling(): struct_list_head { return new struct_list_head(this.addr + 72); }
  get group_leader(): number { return kread_u32(this.addr + 80); }
  set group_leader(v: number) { kwrite_u32(this.addr + 80, v); }
  comm_at(i: number): number { return kread_i8(this.addr + 84 + i * 1); }
  set_comm_at(i: number, v: number): void { kwrite_u8(this.addr + 84 + i * 1, v); }
  get pending(): struct_sigpending { return new struct_sigpending(this.addr + 100); }
  get blocked(): struct_sigset_t { return new struct_sigset_t(this.addr + 116); }
}
export const task_struct_view = (addr: number): struct_task_struct => new struct_task_struct(addr);

export class struct_tasklet_struct {
  static readonly SIZE = 24;
  static readonly OFF = { next: 0, state: 4, count: 8, use_callback: 12, func: 16, callback: 16, data: 20 } as const;
  constructor(readonly addr: number) {}
  get next(): number { return kread_u32(this.addr); }
  set next(v: number) { kwrite_u32(this.addr, v); }
  get state(): number { return kread_u32(this.addr + 4); }
  set state(v: number) { kwrite_u32(this.addr + 4, v); }
  get count(): struct_atomic_t { return new struct_atomic_t(this.addr + 8); }
  get use_callback(): boolean { return kread_bool(this.addr + 12); }
  set use_callback(v: boolean) { kwrite_bool(this.addr + 12, v); }
  get func(): number { return kread_u32(this.addr + 16); }
  set func(v: number) { kwrite_u32(this.addr + 16, v); }
  get callback(): number { return kread_u32(this.addr + 16); }
  set callback(v: number) { kwrite_u32(this.addr + 16, v); }
  get data(): number { return kread_u32(this.addr + 20); }
  set data(v: number) { kwrite_u32(this.addr + 20, v); }
}
export const tasklet_struct_view = (addr: number): struct_tasklet_struct => new struct_tasklet_struct(addr);

export class struct_timer_list {
  static readonly SIZE = 20;
  static readonly OFF = { entry: 0, expires: 8, function: 12, flags: 16 } as const;
  constructor(readonly addr: number) {}
  get entry(): struct_hlist_node { return new struct_hlist_node(this.addr); }
  get expires(): number { return kread_u32(this.addr + 8); }
  set expires(v: number) { kwrite_u32(this.addr + 8, v); }
  get function(): number { return kread_u32(this.addr + 12); }
  set function(v: number) { kwrite_u32(this.addr + 12, v); }
  get flags(): number { return kread_u32(this.addr + 16); }
  set flags(v: number) { kwrite_u32(this.addr + 16, v); }
}
export const timer_list_view = (addr: number): struct_timer_list => new struct_timer_list(addr);

export class struct_timerqueue_node {
  static readonly SIZE = 24;
  static readonly OFF = { node: 0, expires: 16 } as const;
  constructor(readonly addr: number) {}
  get node(): struct_rb_node { return new struct_rb_node(this.addr); }
  get expires(): number { return kread_i64_num(this.addr + 16); }
  set expires(v: number) { kwrite_i64_num(this.addr + 16, v); }
}
export const timerqueue_node_view = (addr: number): struct_timerqueue_node => new struct_timerqueue_node(addr);

export class struct_vm_area_struct {
  static readonly SIZE = 48;
  static readonly OFF = { vm_start: 0, vm_end: 4, vm_mm: 8, vm_page_prot: 12, vm_flags: 16, anon_vma_chain: 20, anon_vma: 28, vm_ops: 32, vm_pgoff: 36, vm_file: 40, vm_private_data: 44 } as const;
  constructor(readonly addr: number) {}
  get vm_start(): number { return kread_u32(this.addr); }
  set vm_start(v: number) { kwrite_u32(this.addr, v); }
  get vm_end(): number { return kread_u32(this.addr + 4); }
  set vm_end(v: number) { kwrite_u32(this.addr + 4, v); }
  get vm_mm(): number { return kread_u32(this.addr + 8); }
  set vm_mm(v: number) { kwrite_u32(this.addr + 8, v); }
  get vm_page_prot(): struct_pgprot_t { return new struct_pgprot_t(this.addr + 12); }
  get vm_flags(): number { return kread_u32(this.addr + 16); }
  set vm_flags(v: number) { kwrite_u32(this.addr + 16, v); }
  get anon_vma_chain(): struct_list_head { return new struct_list_head(this.addr + 20); }
  get anon_vma(): number { return kread_u32(this.addr + 28); }
  set anon_vma(v: number) { kwrite_u32(this.addr + 28, v); }
  get vm_ops(): number { return kread_u32(this.addr + 32); }
  set vm_ops(v: number) { kwrite_u32(this.addr + 32, v); }
  get vm_pgoff(): number { return kread_u32(this.addr + 36); }
  set vm_pgoff(v: number) { kwrite_u32(this.addr + 36, v); }
  get vm_file(): number { return kread_u32(this.addr + 40); }
  set vm_file(v: number) { kwrite_u32(this.addr + 40, v); }
  get vm_private_data(): number { return kread_u32(this.addr + 44); }
  set vm_private_data(v: number) { kwrite_u32(this.addr + 44, v); }
}
export const vm_area_struct_view = (addr: number): struct_vm_area_struct => new struct_vm_area_struct(addr);

export class struct_vm_operations_struct {
  static readonly SIZE = 24;
  static readonly OFF = { open: 0, close: 4, may_split: 8, mremap: 12, mprotect: 16, fault: 20 } as const;
  constructor(readonly addr: number) {}
  get open(): number { return kread_u32(this.addr); }
  set open(v: number) { kwrite_u32(this.addr, v); }
  get close(): number { return kread_u32(this.addr + 4); }
  set close(v: number) { kwrite_u32(this.addr + 4, v); }
  get may_split(): number { return kread_u32(this.addr + 8); }
  set may_split(v: number) { kwrite_u32(this.addr + 8, v); }
  get mremap(): number { return kread_u32(this.addr + 12); }
  set mremap(v: number) { kwrite_u32(this.addr + 12, v); }
  get mprotect(): number { return kread_u32(this.addr + 16); }
  set mprotect(v: number) { kwrite_u32(this.addr + 16, v); }
  get fault(): number { return kread_u32(this.addr + 20); }
  set fault(v: number) { kwrite_u32(this.addr + 20, v); }
}
export const vm_operations_struct_view = (addr: number): struct_vm_operations_struct => new struct_vm_operations_struct(addr);

export class struct_wait_queue_entry {
  static readonly SIZE = 20;
  static readonly OFF = { flags: 0, private: 4, func: 8, entry: 12 } as const;
  constructor(readonly addr: number) {}
  get flags(): number { return kread_u32(this.addr); }
  set flags(v: number) { kwrite_u32(this.addr, v); }
  get private(): number { return kread_u32(this.addr + 4); }
  set private(v: number) { kwrite_u32(this.addr + 4, v); }
  get func(): number { return kread_u32(this.addr + 8); }
  set func(v: number) { kwrite_u32(this.addr + 8, v); }
  get entry(): struct_list_head { return new struct_list_head(this.addr + 12); }
}
export const wait_queue_entry_view = (addr: number): struct_wait_queue_entry => new struct_wait_queue_entry(addr);

export class struct_wait_queue_head {
  static readonly SIZE = 24;
  static readonly OFF = { lock: 0, head: 16 } as const;
  constructor(readonly addr: number) {}
  get lock(): struct_spinlock { return new struct_spinlock(this.addr); }
  get head(): struct_list_head { return new struct_list_head(this.addr + 16); }
}
export const wait_queue_head_view = (addr: number): struct_wait_queue_head => new struct_wait_queue_head(addr);

export class struct_work_struct {
  static readonly SIZE = 16;
  static readonly OFF = { data: 0, entry: 4, func: 12 } as const;
  constructor(readonly addr: number) {}
  get data(): number { return kread_i32(this.addr); }
  set data(v: number) { kwrite_i32(this.addr, v); }
  get entry(): struct_list_head { return new struct_list_head(this.addr + 4); }
  get func(): number { return kread_u32(this.addr + 12); }
  set func(v: number) { kwrite_u32(this.addr + 12, v); }
}
export const work_struct_view = (addr: number): struct_work_struct => new struct_work_struct(addr);
