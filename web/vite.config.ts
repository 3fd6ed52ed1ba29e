import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes a .gz beside every script, style sheet, page and SVG, so the server (@fastify/static with
 * preCompressed) sends compressed files without compressing on each request.
 */
function gzipFiles(): Plugin {
  return {
    name: 'onset-gzip',
    apply: 'build',
    // After writing, so the pages (emitted last by vite's HTML plugin) are included.
    writeBundle(options, bundle) {
      const outDir = options.dir ?? join(root, 'dist');
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg)$/.test(fileName)) continue;
        const file = join(outDir, fileName);
        writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
      }
    },
  };
}

// Two pages: the clinician app (React) and the patient page (plain TypeScript, kept under 80 KB gzipped).
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), gzipFiles()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: { app: `${root}index.html`, patient: `${root}p/index.html` },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3100', '/healthz': 'http://127.0.0.1:3100' } },
});
