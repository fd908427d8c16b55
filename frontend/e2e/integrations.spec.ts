import { test, expect, screenshot } from './fixtures';
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Account {
  id: number;
  name: string;
  domain: string;
  mrr: number;
  status: string;
  crm_source: string;
  external_id: string;
}
interface List<T> {
  items: T[];
  total: number;
}
interface Token {
  id: number;
  name: string;
  scope: string;
  revoked_at: string | null;
}

/** CP1250 holds the Windows-1250 bytes of the Polish letters (the rest is ASCII). */
const CP1250: Record<string, number> = {
  ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
  Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf,
};

function windows1250(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 128) return code;
      const b = CP1250[ch];
      if (b === undefined) throw new Error(`no Windows-1250 byte for ${ch}`);
      return b;
    }),
  );
}

const NAMES = ['Łódzka Fabryka Żółwi Sp. z o.o.', 'Zakład Pączków Gęśla Jaźń', 'Źródło Ośnieżone S.A.'];

/** companies is a HubSpot companies export as a Polish Excel saves it: semicolons, CRLF, Windows-1250. */
function companies(secondMRR: string): Buffer {
  const lines = [
    'Record ID;Company name;Company Domain Name;Industry;Create Date;Lifecycle Stage;MRR',
    `9871001;${NAMES[0]};https://www.zolwie.pl;Produkcja;2025-03-01;customer;1200`,
    `9871002;${NAMES[1]};paczki-gesla.pl;Spożywcza;2025-04-15;customer;${secondMRR}`,
    `9871003;${NAMES[2]};zrodlo.pl;Woda;2025-05-20;customer;899,50`,
  ];
  return windows1250(lines.join('\r\n') + '\r\n');
}

async function pickFile(page: Page, testId: string, path: string) {
  await page.getByTestId(testId).setInputFiles(path);
}

async function runWizardToCheck(page: Page, file: string) {
  await pickFile(page, 'import-file', file);
  await expect(page.getByTestId('import-file-name')).toHaveText('hubspot-companies.csv');
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('detected-encoding')).toContainText('WINDOWS-1250');
  await page.getByTestId('import-check').click();
}

test('import a Windows-1250 HubSpot export: the dry run names the bad row, the fixed file imports, a re-import duplicates nothing', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-import-'));
  const file = join(dir, 'hubspot-companies.csv');
  writeFileSync(file, companies('-49,90'));

  await page.goto('/#/import');
  await expect(page.getByTestId('import-kind')).toHaveValue('Accounts');
  await expect(page.getByTestId('import-preset')).toHaveValue('HubSpot');
  await screenshot(page, 'integrations-wizard-start');

  // Step 1 → 2: the file's encoding and delimiter are detected and the preset fills the columns.
  await pickFile(page, 'import-file', file);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('detected-encoding')).toContainText('WINDOWS-1250');
  await expect(page.getByTestId('detected-delimiter')).toHaveText('Semicolon (;)');
  await expect(page.getByTestId('map-external_id')).toHaveValue('Record ID');
  await expect(page.getByTestId('map-name')).toHaveValue('Company name');
  await expect(page.getByTestId('map-domain')).toHaveValue('Company Domain Name');
  await expect(page.getByTestId('map-mrr')).toHaveValue('MRR'); // not in the preset: matched by its name
  await expect(page.getByTestId('mapping-table')).toContainText(NAMES[0]!); // first value, decoded
  await screenshot(page, 'integrations-mapping');
  // Drop the industry column and keep this mapping for next month's export.
  await page.getByTestId('map-industry-clear').click();
  await expect(page.getByTestId('map-industry')).toHaveValue('');
  await page.getByTestId('mapping-name').fill('HubSpot PL z MRR');
  await page.getByTestId('mapping-save').click();
  await expect(page.getByText('Mapping “HubSpot PL z MRR” saved')).toBeVisible();
  // The toast sits over the wizard's buttons (and waits while the pointer rests on it): close it, as a person would.
  await page.getByRole('alert').filter({ hasText: 'Mapping “HubSpot PL z MRR” saved' }).getByRole('button').click();
  await expect(page.getByText('Mapping “HubSpot PL z MRR” saved')).toBeHidden();
  const saved = await server.api<{ items: { name: string; kind: string; mapping: Record<string, string> }[] }>('GET', '/api/v1/import-mappings');
  expect(saved.items).toEqual([expect.objectContaining({ name: 'HubSpot PL z MRR', kind: 'accounts', mapping: expect.objectContaining({ mrr: 'MRR', name: 'Company name' }) })]);
  expect(saved.items[0]!.mapping.industry).toBeUndefined();

  // Step 3: the dry run lists the bad row by its row number and column, and nothing is written.
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('dry-bad-alert')).toBeVisible();
  await expect(page.getByTestId('dry-rows')).toHaveText('3');
  await expect(page.getByTestId('dry-bad')).toHaveText('1');
  await expect(page.getByTestId('dry-encoding')).toHaveText('WINDOWS-1250');
  const errorRows = page.getByTestId('dry-errors').locator('tbody tr');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first().locator('td').nth(0)).toHaveText('3');
  await expect(errorRows.first().locator('td').nth(1)).toHaveText('MRR');
  await expect(errorRows.first().locator('td').nth(2)).toContainText('≥ 0');
  await expect(page.getByTestId('import-run')).toBeDisabled();
  await screenshot(page, 'integrations-dry-run-errors');
  expect((await server.api<List<Account>>('GET', '/api/v1/accounts?limit=10')).total).toBe(0);

  // All or nothing: fix the row in the file and choose it again; the check passes and the import writes all three.
  writeFileSync(file, companies('49,90'));
  await pickFile(page, 'import-replace-file', file);
  await expect(page.getByTestId('dry-ok')).toBeVisible();
  await expect(page.getByTestId('dry-created')).toHaveText('3');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('result-created')).toHaveText('3');
  await expect(page.getByTestId('result-updated')).toHaveText('0');
  await expect(page.getByTestId('result-unchanged')).toHaveText('0');
  await screenshot(page, 'integrations-result');

  const after = await server.api<List<Account>>('GET', '/api/v1/accounts?limit=100&sort=name');
  expect(after.total).toBe(3);
  const byId = Object.fromEntries(after.items.map((a) => [a.external_id, a]));
  expect(byId['9871001']).toMatchObject({ name: NAMES[0], domain: 'zolwie.pl', mrr: 120000, crm_source: 'hubspot', status: 'active', industry: '' });
  expect(byId['9871002']).toMatchObject({ name: NAMES[1], mrr: 4990 });
  expect(byId['9871003']).toMatchObject({ name: NAMES[2], mrr: 89950 });

  // The same file again: everything is recognised as unchanged, nothing is duplicated.
  await page.getByTestId('import-another').click();
  // The mapping just saved is already chosen for the next file of this kind.
  await expect(page.getByTestId('import-saved')).toHaveValue('HubSpot PL z MRR');
  await pickFile(page, 'import-file', file);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('map-mrr')).toHaveValue('MRR');
  await expect(page.getByTestId('map-industry')).toHaveValue('');
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('dry-ok')).toBeVisible();
  await expect(page.getByTestId('dry-created')).toHaveText('0');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('result-unchanged')).toHaveText('3');
  await expect(page.getByTestId('result-created')).toHaveText('0');
  expect((await server.api<List<Account>>('GET', '/api/v1/accounts?limit=100')).total).toBe(3);

  // The history lists both imports (the checks only when asked for).
  await page.getByTestId('tab-history').click();
  const history = page.getByTestId('import-history').locator('tbody tr');
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText('hubspot-companies.csv');
  await expect(history.first()).toContainText('Imported');
  const runs = await server.api<{ items: { dry_run: boolean; written: number; errors: number }[] }>('GET', '/api/v1/imports');
  expect(runs.items.filter((r) => !r.dry_run).map((r) => r.written)).toEqual([3, 3]);
  expect(runs.items.filter((r) => r.dry_run && r.errors === 1)).toHaveLength(1);
  await page.waitForTimeout(300);
  await screenshot(page, 'integrations-history');
});

test('a partial import takes the valid rows, hands back the rejected ones with a reason, and can be undone', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-import-'));
  const file = join(dir, 'hubspot-companies.csv');
  writeFileSync(file, companies('-49,90'));

  // The welcome screen of an empty database offers the import beside the sample data and manual entry.
  await page.goto('/');
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expect(page.getByTestId('load-demo')).toBeVisible();
  await page.getByTestId('first-run-import').click();
  await expect(page.getByTestId('import-kind')).toHaveValue('Accounts');
  await pickFile(page, 'import-file', file);
  await page.getByTestId('import-next').click();
  await expect(page.getByTestId('detected-encoding')).toContainText('WINDOWS-1250');
  // The file has no currency column: the currency is chosen, not assumed.
  await page.getByTestId('import-currency').fill('PLN');
  await page.getByRole('option', { name: 'PLN' }).click();
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('dry-rejected')).toHaveText('1');
  await expect(page.getByTestId('dry-warnings')).not.toContainText('EUR');
  await expect(page.getByTestId('import-run')).toBeDisabled();

  // Valid rows only: two accounts are written, the bad row comes back as a CSV with its reason.
  await page.getByTestId('import-mode-valid').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('import-download-rejected').click();
  const rejected = await (await download).path();
  const text = readFileSync(rejected, 'utf8');
  expect(text).toContain('Reason');
  expect(text).toContain('9871002');
  expect(text).not.toContain('9871001');
  await expect(page.getByTestId('import-run')).toHaveText('Import 2 valid rows');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('result-created')).toHaveText('2');
  let accounts = await server.api<List<Account>>('GET', '/api/v1/accounts?limit=10');
  expect(accounts.total).toBe(2);
  expect(accounts.items.map((a) => (a as Account & { currency: string }).currency)).toEqual(['PLN', 'PLN']);

  // Undo from the history: the accounts are gone again.
  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-undo').click();
  await expect(page.getByTestId('history-undone')).toBeVisible();
  accounts = await server.api<List<Account>>('GET', '/api/v1/accounts?limit=10');
  expect(accounts.total).toBe(0);
  await screenshot(page, 'integrations-undone');
});

test('a contacts export with bad rows: the valid contacts are imported, the rejected ones come back, and undo removes them', async ({ page, server }) => {
  await server.api('POST', '/api/v1/accounts', {
    name: 'Acme', segment: 'smb', currency: 'EUR', mrr: 0, contract_start: '2025-01-01', status: 'active', crm_source: 'hubspot', external_id: '7001',
  });
  const dir = mkdtempSync(join(tmpdir(), 'cd-import-'));
  const file = join(dir, 'hubspot-contacts.csv');
  writeFileSync(
    file,
    [
      'Associated Company IDs,First Name,Last Name,Email,Job Title',
      '7001,Ola,Nowak,ola@acme.example,CFO',
      '7001,Jan,Kowalski,jan(at)acme.example,Sales rep',
      '7001,Eva,Lind,eva@acme.example,CEO',
    ].join('\n') + '\n',
  );
  await page.goto('/#/import');
  await page.getByTestId('import-kind').click();
  await page.getByRole('option', { name: 'Contacts' }).click();
  await pickFile(page, 'import-file', file);
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('dry-bad-alert')).toBeVisible();
  await expect(page.getByTestId('import-run')).toBeDisabled();

  await page.getByTestId('import-mode-valid').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('import-download-rejected').click();
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(text).toContain('Reason');
  expect(text).toContain('jan(at)acme.example');
  expect(text).not.toContain('ola@acme.example');
  await expect(page.getByTestId('import-run')).toHaveText('Import 2 valid rows');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('result-created')).toHaveText('2');
  const acme = (await server.api<List<Account>>('GET', '/api/v1/accounts?limit=10')).items[0]!;
  let contacts = await server.api<List<{ email: string }>>('GET', `/api/v1/accounts/${acme.id}/contacts`);
  expect(contacts.items.map((c) => c.email).sort()).toEqual(['eva@acme.example', 'ola@acme.example']);

  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-undo').click();
  await expect(page.getByTestId('history-undone')).toBeVisible();
  contacts = await server.api<List<{ email: string }>>('GET', `/api/v1/accounts/${acme.id}/contacts`);
  expect(contacts.items).toEqual([]);
});

test('codes the presets do not know are translated in the wizard, checked again and imported', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-import-'));
  const file = join(dir, 'hubspot-companies.csv');
  writeFileSync(
    file,
    [
      'Record ID,Company name,Company Domain Name,Industry,Create Date,Lifecycle Stage,MRR,Currency',
      '5550001,Orbital Picnics,orbital.example,SPACE_TOURISM,2025-02-03,reseller_partner,1500,USD',
      '5550002,Moon Bakery,moonbakery.example,COMPUTER_SOFTWARE,2025-02-10,customer,800,USD',
    ].join('\n') + '\n',
  );
  await page.goto('/#/import');
  await pickFile(page, 'import-file', file);
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-check').click();

  // The unknown status rejects its row; both codes are offered for translation.
  await expect(page.getByTestId('dry-rejected')).toHaveText('1');
  const tables = page.getByTestId('value-tables');
  await expect(tables.getByTestId('value-table-industry')).toContainText('SPACE_TOURISM');
  await expect(tables.getByTestId('value-table-status')).toContainText('reseller_partner');
  await tables.getByTestId('value-industry-SPACE_TOURISM').fill('Space tourism');
  await tables.getByTestId('value-status-reseller_partner').click();
  await page.getByRole('option', { name: 'Active' }).click();
  await tables.scrollIntoViewIfNeeded();
  await screenshot(page, 'integrations-value-tables');
  await tables.getByTestId('value-tables-apply').click();

  // Checked again with the tables: nothing rejected, nothing left to translate.
  await expect(page.getByTestId('dry-rejected')).toHaveText('0');
  await expect(page.getByTestId('value-tables')).toHaveCount(0);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('result-created')).toHaveText('2');
  const accounts = await server.api<List<Account & { industry: string }>>('GET', '/api/v1/accounts?limit=10&sort=name');
  expect(accounts.items.map((a) => [a.name, a.industry, a.status])).toEqual([
    ['Moon Bakery', 'Software', 'active'],
    ['Orbital Picnics', 'Space tourism', 'active'],
  ]);
});

test('API tokens and webhook secrets from Settings: a created token works until it is revoked', async ({ page, server, request }) => {
  const accounts = (secret: string) => request.get(`${server.url}/api/v1/accounts?limit=1`, { headers: { Authorization: `Bearer ${secret}` } });

  await page.goto('/#/settings');
  const card = page.getByTestId('tokens-card');
  await expect(card).toContainText('No tokens yet');
  await card.getByTestId('token-create').click();
  await expect(card.getByTestId('token-name')).toHaveAttribute('aria-invalid', 'true');
  await card.getByTestId('token-name').fill('zapier-sync');
  await card.getByTestId('token-scope').getByText('Read and write').click();
  await card.getByTestId('token-name').press('Enter');

  const secret = (await card.getByTestId('token-secret').textContent())!.trim();
  expect(secret).toMatch(/^cd_/);
  await expect(card.getByTestId('token-created')).toContainText('will not be shown again');
  await expect(card.getByTestId('tokens-table')).toContainText('zapier-sync');
  await expect(card.getByTestId('tokens-table')).toContainText('Write');
  await page.waitForTimeout(400); // let the alert and the table finish their transitions
  await screenshot(page, 'integrations-token-created');

  const tokens = await server.api<{ items: Token[] }>('GET', '/api/v1/tokens');
  const tok = tokens.items.find((x) => x.name === 'zapier-sync')!;
  expect(tok).toMatchObject({ scope: 'write', revoked_at: null });

  expect((await accounts(secret)).status()).toBe(200);
  const create = await request.post(`${server.url}/api/v1/accounts`, {
    headers: { Authorization: `Bearer ${secret}` },
    data: { name: 'Token-made', segment: 'smb', mrr: 100, currency: 'EUR', contract_start: '2026-01-01', status: 'active' },
  });
  expect(create.status()).toBe(201);
  expect((await accounts('cd_not_a_real_token')).status()).toBe(401);

  // Revoke with confirmation: the token is refused from then on.
  await card.getByTestId(`token-revoke-${tok.id}`).click();
  await expect(page.getByTestId('confirm-modal').getByText('zapier-sync').first()).toBeVisible();
  await page.getByTestId('confirm-ok').click();
  await expect(card).toContainText('No tokens yet');
  expect((await accounts(secret)).status()).toBe(401);
  const revoked = (await server.api<{ items: Token[] }>('GET', '/api/v1/tokens')).items.find((x) => x.id === tok.id)!;
  expect(revoked.revoked_at).not.toBeNull();

  // Webhooks: the URLs to paste, a Stripe secret shown masked, a generated generic secret shown once.
  const hooks = page.getByTestId('webhooks-card');
  await expect(hooks.getByTestId('stripe-url')).toHaveText(`${server.url}/api/v1/webhooks/stripe`);
  await expect(hooks.getByTestId('generic-url')).toHaveText(`${server.url}/api/v1/webhooks/generic`);
  await expect(hooks.getByTestId('stripe-status')).toHaveText('Not set');
  await hooks.getByTestId('stripe-secret').fill('sk_live_wrong');
  await hooks.getByTestId('stripe-save').click();
  await expect(hooks).toContainText('start with whsec_');
  await hooks.getByTestId('stripe-secret').fill('whsec_e2e_secret_9f3a');
  await hooks.getByTestId('stripe-save').click();
  await expect(hooks.getByTestId('stripe-status')).toHaveText('whsec_••••••••9f3a');
  // Stripe-only setups still need a generic secret: the first save makes one and shows it once.
  const first = (await hooks.getByTestId('generic-secret-shown').textContent())!.trim();
  expect(first.length).toBeGreaterThanOrEqual(16);
  await expect(hooks.getByTestId('generic-status')).toHaveText(`••••••••${first.slice(-4)}`);
  // Replacing it asks first; the new one is shown once and the Stripe secret is kept.
  await hooks.getByTestId('generic-generate').click();
  await page.getByTestId('confirm-ok').click();
  await expect(hooks.getByTestId('generic-secret-shown')).not.toHaveText(first);
  const generic = (await hooks.getByTestId('generic-secret-shown').textContent())!.trim();
  expect(generic.length).toBeGreaterThanOrEqual(16);
  await expect(hooks.getByTestId('generic-status')).toHaveText(`••••••••${generic.slice(-4)}`);
  const view = await server.api<{ stripe_set: boolean; stripe_end: string; generic_set: boolean; generic_end: string }>('GET', '/api/v1/settings/webhooks');
  expect(view).toEqual({ stripe_set: true, stripe_end: '9f3a', generic_set: true, generic_end: generic.slice(-4) });
  await hooks.scrollIntoViewIfNeeded();
  await screenshot(page, 'integrations-webhooks');
});

test('the import screens in dark mode and in Russian', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-import-'));
  const file = join(dir, 'hubspot-companies.csv');
  writeFileSync(file, companies('-1'));
  await server.api('POST', '/api/v1/tokens', { name: 'crm', scope: 'read' });

  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('churndesk.theme', 'dark'));
  await page.goto('/#/import');
  await page.reload();
  await runWizardToCheck(page, file);
  await expect(page.getByTestId('dry-bad-alert')).toBeVisible();
  await screenshot(page, 'integrations-dry-run-dark');

  await page.evaluate(() => {
    localStorage.setItem('churndesk.theme', 'light');
    localStorage.setItem('churndesk.language', 'ru');
  });
  await page.reload();
  await runWizardToCheck(page, file);
  await expect(page.getByTestId('dry-bad-alert')).toContainText('нужно исправить');
  // The reason a row is rejected is written by the server in the reader's language too.
  await expect(page.getByTestId('dry-errors').locator('tbody tr').first().locator('td').nth(2)).toHaveText('должно быть ≥ 0');
  await screenshot(page, 'integrations-dry-run-ru');
  await page.goto('/#/settings');
  await expect(page.getByTestId('tokens-card').getByTestId('tokens-table')).toContainText('Чтение');
  await page.getByTestId('tokens-card').scrollIntoViewIfNeeded();
  await screenshot(page, 'integrations-settings-ru');
  await page.getByTestId('webhooks-card').getByTestId('generic-generate').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('webhooks-card')).toContainText('Не задан');
  await screenshot(page, 'integrations-webhooks-ru');
});
