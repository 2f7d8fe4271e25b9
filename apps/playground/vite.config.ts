import { defineConfig, type Plugin } from 'vite';

// Cross-origin isolation, so a later SharedArrayBuffer kernel works in dev and preview alike.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The dev server injects CSS as <style> elements; the built site links a stylesheet. Only in dev
 * does the Content-Security-Policy in index.html need to allow inline styles.
 */
function devInlineStyles(): Plugin {
  return {
    name: 'nabla-dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  // Relative asset URLs: the built site works from any folder of any static server.
  base: './',
  plugins: [devInlineStyles()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
