// `npm start`: build the web app when it is missing or older than its sources, then serve.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const stale =
  !fs.existsSync(built) ||
  Math.max(newest(path.join(root, 'src/web')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs) >
    fs.statSync(built).mtimeMs;
if (stale) {
  console.log('building the web app…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const serve = spawnSync(process.execPath, [path.join(root, 'bin/gaoxin.mjs'), 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(serve.status ?? 0);
