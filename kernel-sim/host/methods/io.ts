// Handlers of the IO view's methods: the scheduler comparison (host/iosched_compare.ts).
import { ioApi } from '../../api/methods/io.ts';
import { io_compare } from '../iosched_compare.ts';
import { defineMethods } from './define.ts';

export const ioMethods = defineMethods(ioApi, {
  'io.compare': (params) => io_compare(params),
});
