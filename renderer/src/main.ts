// Renderer entry: creates the Vue app with Pinia, connects the session to kernel-sim, and mounts the workbench.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createTransport } from './kernel/connect.ts';
import { KernelClient } from './kernel/client.ts';
import { useSessionStore } from './stores/session.ts';
import './styles/theme.css';

const app = createApp(App);
app.use(createPinia());
useSessionStore().connect(new KernelClient(createTransport()));
app.mount('#app');
