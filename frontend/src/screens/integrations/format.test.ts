import { describe, expect, it } from 'vitest';
import { delimiterKey, formatBytes, formatDateTime, isLocalOrigin, maskSecret, percent, webhookURL } from './format';

describe('format', () => {
  it('names delimiters', () => {
    expect([',', ';', '\t', '|'].map(delimiterKey)).toEqual(['comma', 'semicolon', 'tab', 'other']);
  });
  it('formats file sizes in the interface language', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024 + 1024 * 300, 'pl')).toBe('5,3 MB');
  });
  it('formats timestamps and leaves an empty one empty', () => {
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatDateTime('2026-11-24T09:05:00Z', 'en')).toMatch(/Nov 24, 2026/);
  });
  it('clamps and rounds percentages', () => {
    expect([percent(-0.1), percent(0.456), percent(1.2)]).toEqual([0, 46, 100]);
  });
  it('masks secrets to their last characters', () => {
    expect(maskSecret('1234', 'whsec_')).toBe('whsec_••••••••1234');
  });
  it('builds the webhook URLs from the address the app is reached at', () => {
    expect(webhookURL('https://cd.example.com/', 'stripe')).toBe('https://cd.example.com/api/v1/webhooks/stripe');
    expect(webhookURL('http://10.0.0.5:8765', 'generic')).toBe('http://10.0.0.5:8765/api/v1/webhooks/generic');
  });
  it('tells a local address from a shared one', () => {
    expect(isLocalOrigin('http://127.0.0.1:8765')).toBe(true);
    expect(isLocalOrigin('http://localhost:5173')).toBe(true);
    expect(isLocalOrigin('https://cd.example.com')).toBe(false);
    expect(isLocalOrigin('wails://wails')).toBe(false);
  });
});
