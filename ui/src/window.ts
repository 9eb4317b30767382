// The app in the page: the window's shell mounted into #app (loaded by main.ts as its own chunk).
import { mount } from 'svelte';
import App from './App.svelte';

export function open(): void {
  const target = document.getElementById('app');
  if (!target) throw new Error('missing #app');
  mount(App, { target });
}
