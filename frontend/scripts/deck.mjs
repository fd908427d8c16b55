// deck builds a QBR deck (.pptx) from a report JSON file:
//   npm run deck -- report.json out.pptx [--lang en|ru|pl]
// It compiles src/deck (TypeScript) for Node with the project's own Vite and
// runs it; the same module builds decks in the browser.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The bundle is written under node_modules so that Node resolves pptxgenjs.
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, 'churndesk-deck-'));
let code = 1;
try {
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    build: {
      ssr: join(root, 'src/deck/cli.ts'),
      outDir: out,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'cli.mjs' } },
    },
    // pptxgenjs and jszip stay in node_modules, where Node finds them.
    ssr: { external: ['pptxgenjs', 'jszip'] },
  });
  const { main } = await import(pathToFileURL(join(out, 'cli.mjs')).href);
  code = await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(code);
