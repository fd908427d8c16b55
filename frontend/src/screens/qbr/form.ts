import type { QbrEdited, QbrExperiment, QbrGoal, QbrKPI, QbrExperimentKPI } from '../../api/qbr';
import { type KpiDirection, type KpiUnit, type KpiVerdict, guessKpi, verdictOf } from '../../deck/kpi';

/** NumberField is what a Mantine NumberInput holds: a number, or '' while empty. */
type NumberField = number | string;

/** KpiRow is a before/after KPI as the form edits it. */
export interface KpiRow {
  name: string;
  unit: KpiUnit;
  direction: KpiDirection;
  before: NumberField;
  after: NumberField;
  /** picked is true once the person chose the unit or direction; until then both follow the name. */
  picked: boolean;
}

/** ExperimentRow is an experiment KPI as the form edits it. */
export interface ExperimentRow {
  name: string;
  unit: KpiUnit;
  direction: KpiDirection;
  target_before: NumberField;
  target_after: NumberField;
  control_before: NumberField;
  control_after: NumberField;
  picked: boolean;
}

/** newKpi is an empty before/after KPI: a count where higher is better until its name says otherwise. */
export const newKpi = (): KpiRow => ({ name: '', unit: 'count', direction: 'higher', before: 0, after: 0, picked: false });

/** newExperimentKpi is an empty experiment KPI. */
export const newExperimentKpi = (): ExperimentRow => ({ name: '', unit: 'count', direction: 'higher', target_before: 0, target_after: 0, control_before: 0, control_after: 0, picked: false });

/**
 * renamed applies a new name to a KPI row: until the person has chosen a unit
 * or direction themselves, both follow the name's sensible default
 * ("time to close" is better lower, in hours).
 */
export function renamed<T extends KpiRow | ExperimentRow>(row: T, name: string): T {
  return row.picked ? { ...row, name } : { ...row, name, ...guessKpi(name) };
}

/** QbrFormValues are the edited sections of a QBR as the editor holds them. */
export interface QbrFormValues {
  executive_summary: string;
  goals: { goal: string; outcome: string; status: QbrGoal['status'] }[];
  kpis: KpiRow[];
  experimentOn: boolean;
  experiment: { description: string; target_group: string; control_group: string; kpis: ExperimentRow[] };
  support_summary: string;
  risks: string[];
  next_goals: string[];
  /** drafted lists the sections written from the data and not edited yet. */
  drafted: DraftedSection[];
  /** keep lists the sections shown in exports even when empty. */
  keep: string[];
}

/** DraftedSection is a section a draft can fill in. */
export type DraftedSection = QbrEdited['drafted'][number];

/** sectionOf gives the form values a drafted section covers, to see whether it was edited. */
const sectionOf = (v: QbrFormValues, s: DraftedSection): unknown =>
  s === 'executive_summary' ? v.executive_summary : s === 'goals' ? v.goals : s === 'kpis' ? v.kpis : v.risks;

/** stillDrafted drops from the drafted list every section whose values changed between prev and next. */
export function stillDrafted(prev: QbrFormValues, next: QbrFormValues): DraftedSection[] {
  return next.drafted.filter((s) => JSON.stringify(sectionOf(prev, s)) === JSON.stringify(sectionOf(next, s)));
}

/** toFormValues turns a report's edited sections into form values. */
export function toFormValues(e: QbrEdited): QbrFormValues {
  const ex = e.value.experiment;
  return {
    executive_summary: e.executive_summary ?? '',
    goals: (e.goals ?? []).map((g) => ({ goal: g.goal, outcome: g.outcome ?? '', status: g.status })),
    kpis: (e.value.kpis ?? []).map((k) => ({ name: k.name, unit: k.unit, direction: k.direction, before: k.before, after: k.after, picked: true })),
    experimentOn: !!ex && ex.kpis.length > 0,
    experiment: {
      description: ex?.description ?? '',
      target_group: ex?.target_group ?? '',
      control_group: ex?.control_group ?? '',
      kpis: (ex?.kpis ?? []).map((k) => ({ ...k, picked: true })),
    },
    support_summary: e.support_summary ?? '',
    risks: [...(e.risks ?? [])],
    next_goals: [...(e.next_goals ?? [])],
    drafted: [...(e.drafted ?? [])],
    keep: [...(e.keep ?? [])],
  };
}

const n = (v: NumberField): number => (typeof v === 'number' ? v : Number(String(v).replace(',', '.')) || 0);

/**
 * toEdited turns form values back into the edited sections the API stores:
 * empty list lines are dropped, numbers are numbers, and the experiment is
 * sent only when it is switched on.
 */
export function toEdited(v: QbrFormValues): QbrEdited {
  const kpis: QbrKPI[] = v.kpis.map((k) => ({ name: k.name.trim(), unit: k.unit, direction: k.direction, before: n(k.before), after: n(k.after) }));
  let experiment: QbrExperiment | undefined;
  if (v.experimentOn) {
    const ek: QbrExperimentKPI[] = v.experiment.kpis.map((k) => ({
      name: k.name.trim(),
      unit: k.unit,
      direction: k.direction,
      target_before: n(k.target_before),
      target_after: n(k.target_after),
      control_before: n(k.control_before),
      control_after: n(k.control_after),
    }));
    experiment = { description: v.experiment.description.trim(), target_group: v.experiment.target_group.trim(), control_group: v.experiment.control_group.trim(), kpis: ek };
  }
  return {
    executive_summary: v.executive_summary.trim(),
    goals: v.goals.map((g) => ({ goal: g.goal.trim(), outcome: g.outcome.trim(), status: g.status })),
    value: experiment ? { kpis, experiment } : { kpis },
    support_summary: v.support_summary.trim(),
    risks: v.risks.map((r) => r.trim()).filter(Boolean),
    next_goals: v.next_goals.map((r) => r.trim()).filter(Boolean),
    drafted: [...v.drafted],
    keep: [...v.keep],
  };
}

/**
 * formErrors maps the server's field errors ("edited.goals[0].goal") onto
 * form paths ("goals.0.goal"); value.kpis become kpis, value.experiment
 * becomes experiment.
 */
export function formErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, msg] of Object.entries(fields)) {
    const path = key
      .replace(/^edited\./, '')
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(/^value\.kpis/, 'kpis')
      .replace(/^value\.experiment/, 'experiment');
    out[path] = msg;
  }
  return out;
}

/** kpiChange is after − before rounded to 0.01 and its verdict for the direction (as the server counts it). */
export function kpiChange(before: NumberField, after: NumberField, direction: KpiDirection): { change: number; verdict: KpiVerdict } {
  const change = Math.round((n(after) - n(before)) * 100) / 100;
  return { change, verdict: verdictOf(change, direction) };
}

/** uplift is the difference in differences: (target after − before) − (control after − before). */
export function uplift(k: Pick<ExperimentRow, 'target_before' | 'target_after' | 'control_before' | 'control_after' | 'direction'>): { uplift: number; verdict: KpiVerdict } {
  const tc = Math.round((n(k.target_after) - n(k.target_before)) * 100) / 100;
  const cc = Math.round((n(k.control_after) - n(k.control_before)) * 100) / 100;
  const u = Math.round((tc - cc) * 100) / 100;
  return { uplift: u, verdict: verdictOf(u, k.direction) };
}
