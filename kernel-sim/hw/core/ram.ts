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
  write(addr: number, data: Uint8Array): void {
    this.host.set(data, addr);
  }
}

const PAGE = 4096;

/** Large RAM whose 4 KiB pages are allocated on first write (reads of untouched pages give zeros). */
export class SparseRAM implements GuestMemory {
  private readonly pages = new Map<number, Uint8Array>();
  constructor(readonly size: number) {}

  read(addr: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    for (let done = 0; done < len; ) {
      const a = addr + done;
      const pg = Math.floor(a / PAGE);
      const off = a % PAGE;
      const n = Math.min(PAGE - off, len - done);
      const p = this.pages.get(pg);
      if (p) out.set(p.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  write(addr: number, data: Uint8Array): void {
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
