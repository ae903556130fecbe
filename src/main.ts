/**
 * Entry point: mounts the shell and routes uncaught errors to the one error banner, so a bug
 * never fails silently.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { Notices } from './state/Notices.svelte';
import { registerOfflineWorker } from './state/offline';
import './app.css';

const notices = new Notices();

window.addEventListener('error', (event) => {
  notices.showUnexpected(event.error ?? event.message, 'uncaught error');
});
window.addEventListener('unhandledrejection', (event) => {
  notices.showUnexpected(event.reason, 'unhandled promise rejection');
});

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');

export default mount(App, { target, props: { notices } });

void registerOfflineWorker(document.baseURI);
