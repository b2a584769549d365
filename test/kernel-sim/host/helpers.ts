// A KernelService driven the way a client drives it: requests by id, answers awaited, events collected.
import { KernelService, type ServiceOptions } from '../../../kernel-sim/host/service.ts';
import type { ServerMessage } from '../../../kernel-sim/api/protocol.ts';

export type Reply = Extract<ServerMessage, { type: 'response' }>;

export function serviceClient(options: ServiceOptions = {}) {
  const out: ServerMessage[] = [];
  const svc = new KernelService((m) => out.push(m), options);
  let id = 1;
  const call = (method: string, params: unknown = {}): number => {
    const rid = id++;
    svc.receive({ type: 'request', id: rid, method, params });
    return rid;
  };
  const answer = async (rid: number): Promise<Reply> => {
    for (let i = 0; i < 20_000; i++) {
      const r = out.find((m) => m.type === 'response' && m.id === rid);
      if (r) return r as Reply;
      await new Promise((ok) => setTimeout(ok, 5));
    }
    throw new Error(`no answer to request ${rid}`);
  };
  /** Calls a method and returns its result; fails the test on an error reply. */
  const result = async <T = any>(method: string, params: unknown = {}): Promise<T> => {
    const r = await answer(call(method, params));
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
    return r.result as T;
  };
  return { svc, out, call, answer, result };
}
