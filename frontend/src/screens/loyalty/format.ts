import type {
  Benefit,
  BenefitKind,
  HealthClass,
  Referral,
  ReferralInput,
  ReferralStatus,
  RewardStatus,
  Suggestion,
  Tier,
  TierInput,
} from '../../api/loyalty';
import { formatMoney } from '../../format/money';

/** TierDraft is a tier while it is being edited: money in major units, order = rank (first is best). */
export interface TierDraft {
  key: string;
  id?: number;
  name: string;
  color: string;
  min_tenure_months: number | string;
  min_mrr: number | string;
  min_lifetime_revenue: number | string;
  min_health: HealthClass | '';
  benefits: { kind: BenefitKind; description: string }[];
}

let seq = 0;
/** newKey gives a draft a key React can use before it has an id. */
export function newKey(): string {
  seq += 1;
  return `draft-${seq}`;
}

const num = (v: number | string): number => {
  const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.').trim() || 0);
  return Number.isFinite(n) ? n : 0;
};

/** toMinor converts a typed amount in major units to minor units (2 decimals: rules compare in each account's currency). */
export function toMinor(v: number | string): number {
  return Math.max(0, Math.round(num(v) * 100));
}

/** draftOf turns a stored tier into an editable draft. */
export function draftOf(t: Tier): TierDraft {
  return {
    key: `tier-${t.id}`,
    id: t.id,
    name: t.name,
    color: t.color ?? '',
    min_tenure_months: t.min_tenure_months,
    min_mrr: t.min_mrr / 100,
    min_lifetime_revenue: t.min_lifetime_revenue / 100,
    min_health: t.min_health ?? '',
    benefits: t.benefits.map((b) => ({ kind: b.kind, description: b.description })),
  };
}

/** emptyDraft is a new tier with no rules. */
export function emptyDraft(): TierDraft {
  return { key: newKey(), name: '', color: '', min_tenure_months: 0, min_mrr: 0, min_lifetime_revenue: 0, min_health: '', benefits: [] };
}

/** rankOf is the rank a draft at index i of n gets: the first (best) tier has the highest rank. */
export function rankOf(i: number, n: number): number {
  return n - i;
}

/** inputOf turns draft i of n into the API's tier input. */
export function inputOf(d: TierDraft, i: number, n: number): TierInput {
  const benefits: Benefit[] = d.benefits.map((b) => ({ kind: b.kind, description: b.description.trim() }));
  return {
    name: d.name.trim(),
    rank: rankOf(i, n),
    color: d.color || undefined,
    min_tenure_months: Math.max(0, Math.round(num(d.min_tenure_months))),
    min_mrr: toMinor(d.min_mrr),
    min_lifetime_revenue: toMinor(d.min_lifetime_revenue),
    min_health: d.min_health || undefined,
    benefits,
  };
}

/** previewInputs are the drafts that can be previewed (named), as API inputs ranked by their place in the list. */
export function previewInputs(drafts: TierDraft[]): TierInput[] {
  return drafts.map((d, i) => inputOf(d, i, drafts.length)).filter((t) => t.name !== '');
}

/** move returns the list with item i moved by delta places (no-op at the ends). */
export function move<T>(list: T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length || i < 0 || i >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(i, 1);
  out.splice(j, 0, item!);
  return out;
}

/** SavePlan is the calls that turn the stored tiers into the drafts. */
export interface SavePlan {
  remove: number[];
  /** park gives existing tiers whose rank changes a free temporary rank first, so no two tiers share a rank mid-way. */
  park: { id: number; input: TierInput }[];
  update: { id: number; index: number; input: TierInput }[];
  create: { index: number; input: TierInput }[];
}

/** savePlan works out which tiers to delete, update and create; ranks follow the drafts' order. */
export function savePlan(stored: Tier[], drafts: TierDraft[]): SavePlan {
  const n = drafts.length;
  const kept = new Set(drafts.filter((d) => d.id !== undefined).map((d) => d.id));
  const plan: SavePlan = { remove: stored.filter((t) => !kept.has(t.id)).map((t) => t.id), park: [], update: [], create: [] };
  const byId = new Map(stored.map((t) => [t.id, t]));
  let temp = 100;
  drafts.forEach((d, i) => {
    const input = inputOf(d, i, n);
    if (d.id === undefined) {
      plan.create.push({ index: i, input });
      return;
    }
    const old = byId.get(d.id);
    if (old && old.rank !== input.rank) plan.park.push({ id: d.id, input: { ...inputOf(draftOf(old), 0, 1), name: old.name, rank: temp-- } });
    plan.update.push({ id: d.id, index: i, input });
  });
  return plan;
}

/** previewCount reads the preview's count for a tier name; undefined while there is none. */
export function previewCount(counts: Record<string, number> | undefined, name: string): number | undefined {
  if (!counts) return undefined;
  return counts[name.trim()] ?? 0;
}

/** formatMrrMap formats an amount per currency ("€1,200.00 · $300.00"); "—" when empty. */
export function formatMrrMap(map: Record<string, number> | undefined, lang: string): string {
  const entries = Object.entries(map ?? {}).filter(([, v]) => v !== 0);
  if (entries.length === 0) return '—';
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cur, v]) => formatMoney(v, cur, lang))
    .join(' · ');
}

/** formatPct formats a percentage with one decimal in the locale; "—" for null. */
export function formatPct(v: number | null | undefined, lang: string): string {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v) + ' %';
}

/** PIPELINE are the board's main columns, in order. */
export const PIPELINE = ['invited', 'lead', 'trial', 'converted'] as const satisfies readonly ReferralStatus[];
/** CLOSED are the columns of referrals that did not convert. */
export const CLOSED = ['declined', 'expired'] as const satisfies readonly ReferralStatus[];
/** STATUSES are every referral status in board order. */
export const STATUSES: readonly ReferralStatus[] = [...PIPELINE, ...CLOSED];

/** columns groups referrals by status, keeping the server's order (newest first) in each column. */
export function columns(items: Referral[]): Record<ReferralStatus, Referral[]> {
  const out = Object.fromEntries(STATUSES.map((s) => [s, [] as Referral[]])) as Record<ReferralStatus, Referral[]>;
  for (const r of items) out[r.status]?.push(r);
  return out;
}

/** DropAction is what dropping a card on a column does. */
export type DropAction = { kind: 'none' } | { kind: 'blocked' } | { kind: 'convert' } | { kind: 'status'; status: Exclude<ReferralStatus, 'converted'> };

/** dropAction says what moving a referral from one status to another means: converted referrals stay put; converting asks for the account. */
export function dropAction(from: ReferralStatus, to: ReferralStatus): DropAction {
  if (from === to) return { kind: 'none' };
  if (from === 'converted') return { kind: 'blocked' };
  if (to === 'converted') return { kind: 'convert' };
  return { kind: 'status', status: to };
}

/** targets are the statuses a card's menu offers. */
export function targets(from: ReferralStatus): ReferralStatus[] {
  return from === 'converted' ? [] : STATUSES.filter((s) => s !== from);
}

/** nextReward is the reward status a pending or approved reward can move to. */
export function nextReward(status: RewardStatus): 'approved' | 'issued' | null {
  if (status === 'pending') return 'approved';
  if (status === 'approved') return 'issued';
  return null;
}

/** today is the local calendar day as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** ReferralFormValues are the referral form's fields. */
export interface ReferralFormValues {
  referrer_account_id: number | null;
  referrer_contact_id: number | null;
  referred_company: string;
  referred_contact: string;
  referred_email: string;
  referred_on: string;
  channel: ReferralInput['channel'];
  referrer_reward: string;
  newcomer_reward: string;
  notes: string;
}

/** referralValues fills the form from a referral, or with defaults (pre-filled referrer when inviting an advocate). */
export function referralValues(r?: Referral, prefill?: { accountId: number }): ReferralFormValues {
  if (r) {
    return {
      referrer_account_id: r.referrer_account_id,
      referrer_contact_id: r.referrer_contact_id ?? null,
      referred_company: r.referred_company,
      referred_contact: r.referred_contact,
      referred_email: r.referred_email,
      referred_on: r.referred_on,
      channel: r.channel as ReferralInput['channel'],
      referrer_reward: r.referrer_reward,
      newcomer_reward: r.newcomer_reward,
      notes: r.notes,
    };
  }
  return {
    referrer_account_id: prefill?.accountId ?? null,
    referrer_contact_id: null,
    referred_company: '',
    referred_contact: '',
    referred_email: '',
    referred_on: today(),
    channel: 'email',
    referrer_reward: '',
    newcomer_reward: '',
    notes: '',
  };
}

/** referralInput turns the form's values into the API's input; empty optional fields are left out. */
export function referralInput(v: ReferralFormValues): ReferralInput {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    referrer_account_id: v.referrer_account_id ?? 0,
    referrer_contact_id: v.referrer_contact_id ?? undefined,
    referred_company: v.referred_company.trim(),
    referred_contact: opt(v.referred_contact),
    referred_email: opt(v.referred_email),
    referred_on: v.referred_on,
    channel: v.channel,
    referrer_reward: opt(v.referrer_reward),
    newcomer_reward: opt(v.newcomer_reward),
    notes: opt(v.notes),
  };
}

/** suggestionPrefill is what "Invite" puts in the referral form for a suggested advocate. */
export function suggestionPrefill(s: Suggestion): { accountId: number; accountName: string } {
  return { accountId: s.account_id, accountName: s.name };
}

/** daysSince counts whole days from a YYYY-MM-DD day to now. */
export function daysSince(iso: string, now = new Date()): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return 0;
  const then = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const t = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.max(0, Math.floor((t - then) / 86_400_000));
}

/** ConvertValues are the convert dialog's fields for a new account; MRR in major units. */
export interface ConvertValues {
  name: string;
  domain: string;
  segment: 'smb' | 'mid_market' | 'enterprise';
  plan: string;
  mrr: number | string;
  currency: string;
  contract_start: string;
  status: 'trial' | 'onboarding' | 'active';
  owner: string;
}

/** domainOf is the domain of an email address, unless it is a free mail provider. */
export function domainOf(email: string): string {
  const m = /@([^@\s]+)$/.exec(email.trim().toLowerCase());
  if (!m) return '';
  const free = ['gmail.com', 'googlemail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'mail.ru', 'yandex.ru', 'wp.pl', 'o2.pl', 'onet.pl', 'icloud.com', 'proton.me'];
  return free.includes(m[1]!) ? '' : m[1]!;
}

/** convertValues pre-fills a new account from the referral. */
export function convertValues(r: Referral, currency = 'EUR'): ConvertValues {
  return {
    name: r.referred_company,
    domain: domainOf(r.referred_email),
    segment: 'smb',
    plan: '',
    mrr: 0,
    currency,
    contract_start: today(),
    status: r.status === 'trial' ? 'trial' : 'onboarding',
    owner: '',
  };
}

/** newAccountInput turns the convert dialog's fields into the API's account input (MRR in minor units). */
export function newAccountInput(v: ConvertValues, majorToMinor: (major: number, currency: string) => number) {
  const mrr = typeof v.mrr === 'number' ? v.mrr : Number(String(v.mrr).replace(',', '.') || 0);
  return {
    name: v.name.trim(),
    domain: v.domain.trim() || undefined,
    segment: v.segment,
    plan: v.plan.trim() || undefined,
    mrr: majorToMinor(Number.isFinite(mrr) ? mrr : 0, v.currency),
    currency: v.currency,
    contract_start: v.contract_start,
    status: v.status,
    owner: v.owner.trim() || undefined,
  };
}
