import { createHash } from 'node:crypto';
import type { LocaleCode } from '../branding/theme-contract';
import type { ProgrammeRules } from '../tenancy/config/tenant-config.schema';
import { DEFAULT_QUESTIONNAIRE } from './default-questionnaire';
import type { AssessmentArea, Questionnaire } from './questionnaire-types';

export const SCALE_POINTS = 5;
/** An area scoring below this (of 100) is weak enough to propose as a need. */
export const WEAK_BELOW = 60;
export const MAX_TOP_NEEDS = 3;
export const MAX_MORE_NEEDS = 3;

export type Answers = Record<string, number>;
/** Score per area code, 0…100. */
export type AreaScores = Record<string, number>;

/** The questionnaire a tenant uses: its own from the programme rules, or the default. */
export function questionnaireFor(rules: Pick<ProgrammeRules, 'assessment'>): Questionnaire {
  return (rules.assessment as Questionnaire | undefined) ?? DEFAULT_QUESTIONNAIRE;
}

/** Identifies a questionnaire's content: a draft started on another version starts over. */
export function questionnaireDigest(q: Questionnaire): string {
  return createHash('sha256').update(JSON.stringify(q)).digest('base64url').slice(0, 16);
}

/** A tenant label in the visitor's language, else the first one it has. */
export function pick(labels: Partial<Record<LocaleCode, string>>, locale: LocaleCode): string {
  return labels[locale] ?? labels.en ?? Object.values(labels).find(Boolean) ?? '';
}

/** Only known questions with a whole answer on the scale are kept. */
export function cleanAnswers(q: Questionnaire, raw: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const area of q.areas) {
    for (const question of area.questions) {
      const value = Number(raw[question.id]);
      if (Number.isInteger(value) && value >= 1 && value <= SCALE_POINTS) {
        answers[question.id] = value;
      }
    }
  }
  return answers;
}

export function unanswered(q: Questionnaire, answers: Answers): string[] {
  return q.areas.flatMap((a) => a.questions.filter((x) => !(x.id in answers)).map((x) => x.id));
}

function areaScore(area: AssessmentArea, answers: Answers): number {
  const values = area.questions.map((x) => answers[x.id]).filter((v) => v !== undefined);
  if (values.length === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.round(((mean - 1) / (SCALE_POINTS - 1)) * 100);
}

export function scoreAreas(q: Questionnaire, answers: Answers): AreaScores {
  return Object.fromEntries(q.areas.map((a) => [a.area, areaScore(a, answers)]));
}

/** Areas below the threshold, weakest first (ties keep the questionnaire's order). */
export function weakAreas(q: Questionnaire, scores: AreaScores): string[] {
  return q.areas
    .map((a, index) => ({ area: a.area, score: scores[a.area] ?? 100, index }))
    .filter((a) => a.score < WEAK_BELOW)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((a) => a.area);
}

/**
 * Needs to propose: for each weak area, weakest first, the need of its
 * lowest-rated question becomes a top need; the next lowest-rated questions
 * (answered below the middle of the scale) fill the further needs.
 */
export function proposeNeeds(
  q: Questionnaire,
  answers: Answers,
  scores: AreaScores,
): { top: string[]; more: string[] } {
  const weak = weakAreas(q, scores);
  const byArea = new Map(q.areas.map((a) => [a.area, a]));
  const ranked = (area: AssessmentArea) =>
    area.questions
      .map((x, i) => ({ need: x.need, answer: answers[x.id] ?? SCALE_POINTS, i }))
      .sort((a, b) => a.answer - b.answer || a.i - b.i);
  const top: string[] = [];
  for (const code of weak) {
    const first = ranked(byArea.get(code)!).find((x) => !top.includes(x.need));
    if (first && top.length < MAX_TOP_NEEDS) top.push(first.need);
  }
  const middle = (SCALE_POINTS + 1) / 2;
  const more = weak
    .flatMap((code) => ranked(byArea.get(code)!))
    .filter((x) => x.answer < middle)
    .sort((a, b) => a.answer - b.answer)
    .map((x) => x.need)
    .filter((need, i, all) => !top.includes(need) && all.indexOf(need) === i)
    .slice(0, MAX_MORE_NEEDS);
  return { top, more };
}
