/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import type { Plugin } from 'vite';

/**
 * Names the app's chunk (window.ts, imported by main.ts once it has asked the first questions) and
 * its styles in the page's head, so they load while the entry runs instead of after it.
 */
function preloadWindow(): Plugin {
  return {
    name: 'keyledger-preload-window',
    apply: 'build',
    transformIndexHtml(_html, ctx) {
      const chunk = Object.values(ctx.bundle ?? {})
        .filter((c) => c.type === 'chunk')
        .find((c) => c.name === 'window');
      if (!chunk) throw new Error('no window chunk to preload');
      const css = [...(chunk.viteMetadata?.importedCss ?? [])];
      return [
        { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' },
        ...css.map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
      ];
    },
  };
}

// Built into dist/ and embedded by Tauri (frontendDist = "../ui/dist"). No dev server needed.
export default defineConfig(({ mode }) => ({
  plugins: mode === 'test' ? [svelte(), svelteTesting()] : [svelte(), preloadWindow()],
  base: './',
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    sourcemap: false,
    // Assets stay files of their own, never inlined as data: URLs, so the CSP can stay 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
}));
