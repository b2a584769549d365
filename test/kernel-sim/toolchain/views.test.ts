// The typed views generated from the layouts: each field at its offset with its C width and signedness, and cstruct's binding of a TS object's fields to them.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { file_view, pci_dev_view, struct_file, struct_pci_dev, device_driver_view, struct_device_driver, of_device_id_view } from '../../../kernel-sim/toolchain/layouts/views.generated.ts';
import { offsetOf } from '../../../kernel-sim/toolchain/layouts/access.ts';
import { LAYOUTS } from '../../../kernel-sim/toolchain/layouts/offsets.generated.ts';
import { kmalloc, kfree, __GFP_ZERO } from '../../../kernel-sim/mm/slab.ts';
import { kread_i64, kread_u16, kread_u32, kread_u8, kwrite_u8, kread_cstr } from '../../../kernel-sim/mm/kmem.ts';
import { bind_fields, unbind_fields, ptr_adapter, bind_char_array } from '../../../kernel-sim/kernel/module/cstruct.ts';

function inKernel<R>(fn: () => R): R {
  const m = new Machine({});
  m.boot();
  return m.inspect(fn);
}

describe('generated struct views', () => {
  it('sizes and offsets are the layout numbers', () => {
    expect(struct_file.SIZE).toBe(LAYOUTS.file.size);
    expect(struct_file.OFF.f_pos).toBe(offsetOf('file', 'f_pos'));
    expect(struct_pci_dev.OFF.irq).toBe(offsetOf('pci_dev', 'irq'));
    expect(struct_device_driver.OFF.probe_type).toBe(offsetOf('device_driver', 'probe_type'));
  });

  it('reads and writes each width at its offset: u16, u32, i64 (negative too), ptr, bool, embedded structs and arrays', () => {
    inKernel(() => {
      const f = kmalloc(struct_file.SIZE, __GFP_ZERO);
      const v = file_view(f);
      v.f_pos = -5;
      expect(kread_i64(f + offsetOf('file', 'f_pos'))).toBe(-5n);
      v.f_pos = 2 ** 40 + 7;
      expect(kread_i64(f + offsetOf('file', 'f_pos'))).toBe(2n ** 40n + 7n);
      expect(v.f_pos).toBe(2 ** 40 + 7);
      v.private_data = 0xdeadbeef;
      expect(kread_u32(f + offsetOf('file', 'private_data'))).toBe(0xdeadbeef);
      expect(v.f_path.dentry).toBe(0);
      kfree(f);

      const p = kmalloc(struct_pci_dev.SIZE, __GFP_ZERO);
      const pv = pci_dev_view(p);
      pv.vendor = 0x1234;
      pv.device = 0x11e8;
      expect(kread_u16(p + offsetOf('pci_dev', 'vendor'))).toBe(0x1234);
      expect(kread_u16(p + offsetOf('pci_dev', 'device'))).toBe(0x11e8);
      pv.vendor = 0x12345; // a u16 keeps 16 bits, as C does
      expect(pv.vendor).toBe(0x2345);
      expect(pv.device).toBe(0x11e8);
      pv.resource_at(2).start = 0xfea00000;
      expect(kread_u32(p + offsetOf('pci_dev', 'resource') + 2 * LAYOUTS.resource.size)).toBe(0xfea00000);
      expect(pv.dev.addr).toBe(p + offsetOf('pci_dev', 'dev'));
      pv.set_saved_config_space_at(3, 0xcafe);
      expect(pv.saved_config_space_at(3)).toBe(0xcafe);
      kfree(p);

      const d = kmalloc(struct_device_driver.SIZE, __GFP_ZERO);
      const dv = device_driver_view(d);
      dv.suppress_bind_attrs = true;
      expect(kread_u8(d + offsetOf('device_driver', 'suppress_bind_attrs'))).toBe(1);
      kfree(d);

      const o = kmalloc(LAYOUTS.of_device_id.size, __GFP_ZERO);
      kwrite_u8(o + offsetOf('of_device_id', 'name'), 0xff);
      expect(of_device_id_view(o).name_at(0)).toBe(-1); // char is signed
      kfree(o);
    });
  });

  it('a bound TS object reads and writes the struct; unbinding leaves it its last values', () => {
    inKernel(() => {
      const a = kmalloc(struct_file.SIZE, __GFP_ZERO);
      const obj = { f_pos: 9, private_data: null as unknown, other: 1 };
      bind_fields(obj, file_view(a), ['f_pos', 'private_data'], { private_data: ptr_adapter });
      expect(file_view(a).f_pos).toBe(9); // moved in at binding
      file_view(a).f_pos = 100; // C writes
      expect(obj.f_pos).toBe(100); // the TS object reads it, with no sync
      obj.private_data = 0x5000;
      expect(file_view(a).private_data).toBe(0x5000);
      file_view(a).private_data = 0;
      expect(obj.private_data).toBe(null);
      unbind_fields(obj, ['f_pos', 'private_data']);
      file_view(a).f_pos = 1;
      expect(obj.f_pos).toBe(100);
      kfree(a);
    });
  });

  it('a string field bound to a char array is the array: C sees TS writes (cut to fit with the NUL) and TS sees C writes', () => {
    inKernel(() => {
      const a = kmalloc(16, __GFP_ZERO);
      const task = { comm: 'sh' };
      bind_char_array(task, 'comm', a, 16);
      expect(kread_cstr(a, 16)).toBe('sh');
      task.comm = 'a-very-long-command-name';
      expect(kread_cstr(a, 16)).toBe('a-very-long-com');
      expect(task.comm).toBe('a-very-long-com');
      kwrite_u8(a, 0x41);
      expect(task.comm).toBe('A-very-long-com');
      kfree(a);
    });
  });
});
