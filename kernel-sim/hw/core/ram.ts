// Models QEMU's RAMBlock (system/physmem.c): guest RAM that DMA reads and writes.
import type { GuestMemory } from '../pci/pci.ts';

/** RAM backed by one Uint8Array (e.g. a view of the kernel's memory). */
export class RAMBlock implements GuestMemory {
  constructor(readonly host: Uint8Array) {}
  get size(): number {
    return this.host.length;
  }
  read(addr: number, len: number): Uint8Array {
    return this.host.slice(addr, addr + len);
  }
  read_into(addr: number, dst: Uint8Array): void {
    dst.set(this.host.subarray(addr, addr + dst.length));
  }
  write(addr: number, data: Uint8Array): void {
    this.host.set(data, addr);
  }
}

const PAGE = 4096;

/**
 * RAM some of whose pages are another memory's bytes (QEMU's RAM aliases): the kernel maps its coherent DMA
 * buffers here, so the device and the driver read and write the very same bytes.
 */
export interface RAMWindows {
  /** Makes the guest pages at [addr, addr + host.length) be `host` (addr and length page-aligned). */
  map_window(addr: number, host: Uint8Array): void;
  /** Gives [addr, addr + len) back to plain RAM (zeroed). */
  unmap_window(addr: number, len: number): void;
}

export function has_windows(m: GuestMemory): m is GuestMemory & RAMWindows {
  return typeof (m as Partial<RAMWindows>).map_window === 'function';
}

/** Large RAM whose 4 KiB pages are allocated on first write (reads of untouched pages give zeros). */
export class SparseRAM implements GuestMemory, RAMWindows {
  private readonly pages = new Map<number, Uint8Array>();
  constructor(readonly size: number) {}

  map_window(addr: number, host: Uint8Array): void {
    if (addr % PAGE || host.length % PAGE) throw new RangeError(`RAM window [${addr}, +${host.length}) is not page-aligned`);
    // One page (a streaming mapping of a driver's page) is the array itself, no view made.
    if (host.length === PAGE) { this.pages.set(addr / PAGE, host); return; }
    for (let off = 0; off < host.length; off += PAGE) this.pages.set((addr + off) / PAGE, host.subarray(off, off + PAGE));
  }

  unmap_window(addr: number, len: number): void {
    for (let off = 0; off < len; off += PAGE) this.pages.delete((addr + off) / PAGE);
  }

  read(addr: number, len: number): Uint8Array {
    const off0 = addr % PAGE;
    if (off0 + len <= PAGE) {
      // Within one page (descriptors, ring indexes, a 4 KiB block): one copy, no view.
      const p = this.pages.get((addr - off0) / PAGE);
      return p ? p.slice(off0, off0 + len) : new Uint8Array(len);
    }
    const out = new Uint8Array(len);
    this.read_into(addr, out);
    return out;
  }

  read_into(addr: number, out: Uint8Array): void {
    const len = out.length, off0 = addr % PAGE;
    if (len <= 16 && off0 + len <= PAGE) {
      // A ring index or descriptor: bytes copied one by one (a subarray view to copy from would cost more than the copy).
      const p = this.pages.get((addr - off0) / PAGE);
      for (let i = 0; i < len; i++) out[i] = p ? p[off0 + i]! : 0;
      return;
    }
    for (let done = 0; done < len; ) {
      const a = addr + done;
      const pg = Math.floor(a / PAGE);
      const off = a % PAGE;
      const n = Math.min(PAGE - off, len - done);
      const p = this.pages.get(pg);
      if (p) out.set(p.subarray(off, off + n), done);
      else out.fill(0, done, done + n);
      done += n;
    }
  }

  write(addr: number, data: Uint8Array): void {
    const off0 = addr % PAGE;
    if (data.length > 0 && off0 + data.length <= PAGE) {
      const pg = (addr - off0) / PAGE;
      let p = this.pages.get(pg);
      if (!p) { p = new Uint8Array(PAGE); this.pages.set(pg, p); }
      p.set(data, off0);
      return;
    }
    for (let done = 0; done < data.length; ) {
      const a = addr + done;
      const pg = Math.floor(a / PAGE);
      const off = a % PAGE;
      const n = Math.min(PAGE - off, data.length - done);
      let p = this.pages.get(pg);
      if (!p) {
        p = new Uint8Array(PAGE);
        this.pages.set(pg, p);
      }
      p.set(data.subarray(done, done + n), off);
      done += n;
    }
  }
}
