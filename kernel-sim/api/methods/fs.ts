// Protocol methods of the guest filesystem, through the kernel's VFS without a guest process: copy a file in, read any file (/proc, /sys, regular files), list a directory, write a sysfs attribute.
import { z } from 'zod';
import { Empty } from '../protocol.ts';
import { methodSchemas } from '../method-schema.ts';

const GuestPath = z.string().min(1).max(4096).regex(/^\//, 'an absolute guest path');
const Encoding = z.enum(['utf8', 'base64']);

/** What one directory entry is (getdents64's d_type). */
export const DirentTypeSchema = z.enum(['file', 'dir', 'link', 'char', 'block', 'fifo', 'socket', 'unknown']);

export const fsApi = methodSchemas({
  /** Copies a file into the guest filesystem. */
  'fs.put': { params: z.object({ path: z.string().min(1).max(4096), data: z.string(), encoding: Encoding.default('utf8'), mode: z.number().int().min(0).max(0o7777).optional() }).strict(), result: Empty },
  /**
   * Reads a guest file as `cat` would (open, read to the end, close), in a
   * kernel thread: no process starts. Errors are the guest's errno names.
   */
  'fs.read': {
    params: z.object({ path: GuestPath, encoding: Encoding.default('utf8'), maxBytes: z.number().int().min(1).max(16 << 20).default(4 << 20) }).strict(),
    result: z.object({ path: z.string(), data: z.string(), encoding: Encoding, size: z.number().int(), truncated: z.boolean() }).strict(),
  },
  /** Lists a guest directory (getdents64 order), without "." and "..". */
  'fs.readdir': {
    params: z.object({ path: GuestPath }).strict(),
    result: z.object({ path: z.string(), entries: z.array(z.object({ name: z.string(), type: DirentTypeSchema }).strict()) }).strict(),
  },
  /** Writes a guest file as `echo DATA > PATH` would (e.g. a sysfs bind, unbind or remove attribute). */
  'fs.write': {
    params: z.object({ path: GuestPath, data: z.string().max(1 << 20) }).strict(),
    result: z.object({ written: z.number().int() }).strict(),
  },
});
