// Handlers of the guest filesystem methods: files in and out through the VFS, read and written by the kernel's request thread (no guest process).
import { fsApi } from '../../api/methods/fs.ts';
import { MachineError } from '../../machine.ts';
import { kernel_read_file, kernel_readdir, kernel_write_file } from '../../fs/kernel_read_file.ts';
import { base64 } from './module-build.ts';
import { defineMethods } from './define.ts';
import { kernel_call, or_errno } from './kernel-call.ts';

export const fsMethods = defineMethods(fsApi, {
  'fs.put': (params, ctx) => {
    const bytes = params.encoding === 'base64' ? Uint8Array.from(atob(params.data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(params.data);
    ctx.machine().putFile(params.path, bytes, params.mode);
    return {};
  },
  'fs.read': (params, ctx) => {
    const r = or_errno(kernel_call(ctx.machine(), params.path, () => kernel_read_file(params.path, params.maxBytes)), params.path);
    const data = params.encoding === 'base64' ? base64(r.data) : new TextDecoder().decode(r.data);
    return { path: params.path, data, encoding: params.encoding, size: r.data.length, truncated: r.truncated };
  },
  'fs.readdir': (params, ctx) => ({ path: params.path, entries: or_errno(kernel_call(ctx.machine(), params.path, () => kernel_readdir(params.path)), params.path) }),
  'fs.write': (params, ctx) => {
    const written = or_errno(kernel_call(ctx.machine(), params.path, () => kernel_write_file(params.path, new TextEncoder().encode(params.data))), params.path);
    if (written === 0 && params.data.length > 0) throw new MachineError('EIO', `${params.path}: nothing was written`);
    return { written };
  },
});
