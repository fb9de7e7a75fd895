import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev:web` next to `npm run dev:api`; GAOXIN_API_URL points elsewhere. Not all of
    // `/api`: the web app's own sources live in src/web/api/ and are served at /api/*.ts. The Host
    // header is kept so the API's same-origin check sees the page's own origin.
    proxy: Object.fromEntries(
      ['/api/v1', '/api/health', '/api/docs'].map((p) => [
        p,
        { target: process.env.GAOXIN_API_URL ?? 'http://localhost:3000', changeOrigin: false },
      ]),
    ),
  },
});
