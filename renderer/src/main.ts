// Renderer entry: creates the Vue app with Pinia, connects the session and its views to kernel-sim, opens the workspace, and mounts the workbench.
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
import { createWorkspaceHost } from './workspace/host.ts';
import { startWorkbench } from './workbench.ts';
import './styles/theme.css';

const app = createApp(App);
app.use(createPinia());
const client = new KernelClient(createTransport());
useDmesgStore().attach(client);
useTraceStore().attach(client);
useDevicesStore().attach(client);
useSessionStore().connect(client);
void useEditorStore().init(createWorkspaceHost());
startWorkbench();
app.mount('#app');
