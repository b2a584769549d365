// Renderer entry: creates the Vue app with Pinia, attaches the data stores and the session to kernel-sim, opens the workspace, and mounts the workbench.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createTransport } from './kernel/connect.ts';
import { KernelClient } from './kernel/client.ts';
import { useSessionStore } from './stores/session.ts';
import { useDmesgStore } from './stores/dmesg.ts';
import { useTraceStore } from './stores/trace.ts';
import { useEditorStore } from './stores/editor.ts';
import { useDevicesStore } from './stores/devices.ts';
import { useInterruptsStore } from './stores/interrupts.ts';
import { useNamespacesStore } from './stores/namespaces.ts';
import { attachStores } from './kernel/attach.ts';
import { createWorkspaceHost } from './workspace/host.ts';
import { startWorkbench } from './workbench.ts';
import { afterShell } from './startup.ts';
import './styles/theme.css';

const app = createApp(App);
app.use(createPinia());
const client = new KernelClient(createTransport());
// One service keeps every data store attached: subscribed, backfilled from boot, followed live, re-synced on reconnect and
// reboot. It starts once the shell's prompt is up (startup.ts): the backfills (the trace from boot alone is ~400 kB of
// JSON, then the dmesg, IRQ, namespace and cgroup histories) were queued in the kernel worker ahead of tty.open and
// parsed by the page before the boot log was written; a store attached late still gets everything from boot.
void afterShell().then(() => attachStores(client, [useDmesgStore().source, useTraceStore().source, useDevicesStore().source, useInterruptsStore().source, useNamespacesStore().source]));
useSessionStore().connect(client);
void useEditorStore().init(createWorkspaceHost());
startWorkbench();
app.mount('#app');
