// File save/open: native dialogs in the desktop app (Wails bindings), blob
// downloads and <input type=file> in a browser.

/** OpenedFile is a file the user picked, its bytes as base64. */
export interface OpenedFile {
  name: string;
  base64: string;
}

interface WailsApp {
  SaveFile(suggestedName: string, base64Data: string): Promise<string>;
  OpenFile(title: string, pattern: string): Promise<OpenedFile | null>;
  OpenPath(path: string): Promise<void>;
}

declare global {
  interface Window {
    go?: { app?: { App?: WailsApp } };
  }
}

function wails(): WailsApp | undefined {
  return typeof window !== 'undefined' ? window.go?.app?.App : undefined;
}

/** isDesktop tells whether the app runs inside the desktop shell. */
export function isDesktop(): boolean {
  return wails() !== undefined;
}

/** bytesToBase64 encodes bytes as base64 (no size limit from argument spreading). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(bin);
}

/** textToBase64 encodes text as UTF-8 then base64. */
export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

/** SaveResult says where a file went: a path (desktop), "download" (browser) or null when cancelled. */
export type SaveResult = { kind: 'saved'; path: string } | { kind: 'downloaded'; name: string } | null;

/** saveFile asks where to save data (desktop) or downloads it (browser). */
export async function saveFile(suggestedName: string, data: Blob | string, mime = 'application/octet-stream'): Promise<SaveResult> {
  const blob = typeof data === 'string' ? new Blob([data], { type: mime }) : data;
  const native = wails();
  if (native) {
    const b64 = bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
    const path = await native.SaveFile(suggestedName, b64);
    return path ? { kind: 'saved', path } : null;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { kind: 'downloaded', name: suggestedName };
}

/** openFile lets the user pick one file; null when cancelled. pattern is e.g. "*.csv". */
export async function openFile(title: string, pattern: string): Promise<OpenedFile | null> {
  const native = wails();
  if (native) return native.OpenFile(title, pattern);
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = pattern
      .split(/[;,]/)
      .map((p) => p.trim().replace(/^\*/, ''))
      .filter(Boolean)
      .join(',');
    input.style.display = 'none';
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      resolve({ name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** openPath opens a saved file with the OS (desktop only; a no-op in a browser). */
export async function openPath(path: string): Promise<void> {
  const native = wails();
  if (native) await native.OpenPath(path);
}
