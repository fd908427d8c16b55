import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Server is a running `churndesk serve` on its own fresh database. */
export interface Server {
  url: string;
  db: string;
  /** api calls the server's REST API and returns the JSON answer. */
  api: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
}

function start(): Promise<{ proc: ChildProcess; url: string; dir: string; db: string }> {
  const bin = process.env.CHURNDESK_BIN;
  if (!bin) throw new Error('CHURNDESK_BIN must name a built churndesk binary (make test-e2e sets it)');
  const dir = mkdtempSync(join(tmpdir(), 'churndesk-e2e-'));
  const db = join(dir, 'e2e.db');
  // XDG_DATA_HOME keeps the server's default folders (backups) inside the test's own folder.
  const proc = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_DATA_HOME: dir } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('churndesk serve did not start:\n' + out)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ChurnDesk listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, dir, db });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('exit', (code) => reject(new Error(`churndesk serve exited with ${code}:\n${out}`)));
  });
}

async function call<T>(request: APIRequestContext, url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await request.fetch(url + path, { method, data: body });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** test gives every test its own server; page.goto('/') opens the app on it. */
export const test = base.extend<{ server: Server }>({
  server: async ({ request }, use) => {
    const s = await start();
    await use({ url: s.url, db: s.db, api: (method, path, body) => call(request, s.url, method, path, body) });
    s.proc.kill('SIGTERM');
    rmSync(s.dir, { recursive: true, force: true });
  },
  baseURL: async ({ server }, use) => use(server.url),
});

export { expect };

/** screenshot saves a named screenshot under e2e/screens for people to look at. */
export async function screenshot(page: import('@playwright/test').Page, name: string) {
  await page.screenshot({ path: join(here, 'screens', `${name}.png`), fullPage: false });
}
