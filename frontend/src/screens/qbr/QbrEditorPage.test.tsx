import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import fixture from '../../deck/testdata/report-2026-Q3.json';
import type { QbrReport, QbrSaveInput } from '../../api/qbr';
import { jsonResponse, renderApp } from '../../test/render';
import { QbrEditorPage } from './QbrEditorPage';

// happy-dom has no FontFaceSet; Mantine's autosize textareas listen on it.
const doc = document as unknown as { fonts?: unknown };
doc.fonts ??= { addEventListener: () => {}, removeEventListener: () => {} };
// echarts needs a canvas, which happy-dom lacks.
vi.mock('echarts-for-react', () => ({ default: () => null }));

const report = fixture as unknown as QbrReport;

function stubServer(put: (body: QbrSaveInput) => Response) {
  const saves: QbrSaveInput[] = [];
  globalThis.fetch = vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    if (url.pathname === '/api/v1/accounts/15/qbr' && req.method === 'GET') return jsonResponse(report);
    if (url.pathname === '/api/v1/accounts/15/qbr' && req.method === 'PUT') {
      const body = (await req.json()) as QbrSaveInput;
      saves.push(body);
      return put(body);
    }
    return jsonResponse({}, 404);
  }) as unknown as typeof globalThis.fetch;
  return saves;
}

function open() {
  renderApp(
    <Routes>
      <Route path="/qbr/:accountId/:quarter" element={<QbrEditorPage />} />
    </Routes>,
    '/qbr/15/2026-Q3',
  );
}

// Rendering the whole editor is slow on a busy 2-core machine.
describe('QbrEditorPage', { timeout: 30_000 }, () => {
  it('shows computed sections read-only and the saved report in the form, with KPIs that did not improve marked', async () => {
    stubServer(() => jsonResponse(report));
    open();
    expect(await screen.findByTestId('qbr-summary')).toHaveProperty('value', report.edited.executive_summary);
    expect(screen.getByTestId('qbr-usage-logins').textContent).toContain('10,287');
    expect(screen.getByTestId('qbr-kpi-2').textContent).toContain('▲Worsened · +3');
    expect(screen.getByTestId('qbr-kpi-0').textContent).toContain('▼Improved · −23 h');
    expect(screen.getByTestId('qbr-exp-1').textContent).toContain('▼Worsened · Uplift −2 pp');
    expect(screen.getByTestId('qbr-value-count').textContent).toBe('3 improved · 2 did not improve');
    expect(screen.getByTestId('qbr-status').textContent).toBe('Final');
  });

  it('saves a draft with the typed summary, and shows the server’s field errors under the inputs', async () => {
    let fail = true;
    const saves = stubServer((body) =>
      fail
        ? jsonResponse({ code: 'validation_failed', message: 'Some fields are not valid.', fields: { 'edited.goals[1].goal': 'is required' } }, 422)
        : jsonResponse({ ...report, status: body.status, edited: body.edited }),
    );
    open();
    const summary = await screen.findByTestId('qbr-summary');
    fireEvent.change(summary, { target: { value: 'A new summary.' } });
    expect(screen.getByTestId('qbr-dirty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('qbr-save-draft'));
    await screen.findByTestId('qbr-invalid');
    const goal = screen.getByTestId('qbr-goal-1');
    expect(within(goal.closest('.mantine-InputWrapper-root') as HTMLElement).getByText('is required')).toBeTruthy();
    expect(saves[0]!.status).toBe('draft');
    expect(saves[0]!.edited.executive_summary).toBe('A new summary.');

    fail = false;
    fireEvent.click(screen.getByTestId('qbr-save-draft'));
    await waitFor(() => expect(screen.getByTestId('qbr-status').textContent).toBe('Draft'));
    expect(screen.queryByTestId('qbr-invalid')).toBeNull();
    expect(screen.queryByTestId('qbr-dirty')).toBeNull();
    expect(saves[1]!.edited.goals).toEqual(report.edited.goals);
  });
});
