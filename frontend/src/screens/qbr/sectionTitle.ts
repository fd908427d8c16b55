import { deckTexts } from '../../deck/texts';

/** sectionTitle is a deck section's title in lang, as the deck writes it. */
export function sectionTitle(key: string, lang: string): string {
  const t = deckTexts(lang);
  const titles: Record<string, string> = {
    summary: t.summary, usage: t.usage, health: t.health, health_breakdown: t.healthBreakdown, nps: t.nps, value: t.value, experiment: t.experiment,
    goals: t.goals, partnership: t.partnership, risks: t.risks, next_goals: t.nextGoals,
  };
  return titles[key] ?? key;
}
