// A protocol client of a kernel host, as the lab panel is (no pacing: virtual time moves only with the guest's work), and the files the panel sends with a step's check.
import { KernelService } from '../../kernel-sim/host/service.ts';
import type { ServerMessage } from '../../kernel-sim/api/protocol.ts';
import type { DirWorkspace } from '../../kernel-sim/host/labs.ts';

export type PanelCall = (method: string, params?: unknown) => Promise<any>;

export function panelClient(): PanelCall {
  const replies: ServerMessage[] = [];
  const svc = new KernelService((m) => replies.push(m));
  let id = 0;
  return async (method: string, params: unknown = {}): Promise<any> => {
    const my = ++id;
    svc.receive({ type: 'request', id: my, method, params });
    for (;;) {
      const r = replies.find((m) => m.type === 'response' && m.id === my);
      if (r && r.type === 'response') { if (!r.ok) throw new Error(r.error.message); return r.result; }
      await new Promise((res) => setTimeout(res, 20));
    }
  };
}

/** What the panel sends with a check: the step's files (those its checks read and the C it builds), from a workspace. */
export async function stepFiles(call: PanelCall, lab: string, ws: DirWorkspace, step: number): Promise<Record<string, string>> {
  const l = await call('lab.get', { name: lab });
  return Object.fromEntries((l.steps[step].files as string[]).map((f) => [f, ws.read(f)!]));
}
