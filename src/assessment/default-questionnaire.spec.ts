import { SUPPORTED_LOCALES } from '../branding/theme-contract';
import { areaOf, isCode } from '../profiles/taxonomy';
import { TAXONOMY } from '../profiles/taxonomy-data';
import type { Labels } from '../profiles/taxonomy-types';
import { tenantConfigSchema } from '../tenancy/config/tenant-config.schema';
import { DEFAULT_QUESTIONNAIRE as Q } from './default-questionnaire';

/** Every text of the questionnaire with where it is, for readable failures. */
const TEXTS: [string, Labels][] = [
  ...Q.scale.map((l, i): [string, Labels] => [`scale[${i}]`, l]),
  ...Q.areas.flatMap((a): [string, Labels][] => [
    [`${a.area}.weakness`, a.weakness],
    ...a.questions.map((x): [string, Labels] => [`${a.area}.${x.id}`, x.text]),
  ]),
];
const TRANSLATED = SUPPORTED_LOCALES.filter((l) => l !== 'en');

describe('default questionnaire', () => {
  it('has at least 8 areas, each a distinct top-level expertise area', () => {
    expect(Q.areas.length).toBeGreaterThanOrEqual(8);
    const areas = Q.areas.map((a) => a.area);
    expect(new Set(areas).size).toBe(areas.length);
    const topLevel = TAXONOMY.expertise.map((a) => a.code);
    for (const area of areas) {
      expect({ area, topLevel: topLevel.includes(area) && areaOf(area) === area }).toEqual({
        area,
        topLevel: true,
      });
    }
  });

  it('asks 3 to 5 questions per area', () => {
    for (const area of Q.areas) {
      expect({
        area: area.area,
        ok: area.questions.length >= 3 && area.questions.length <= 5,
      }).toEqual({ area: area.area, ok: true });
    }
  });

  it('has unique lowercase question ids', () => {
    const ids = Q.areas.flatMap((a) => a.questions.map((x) => x.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_]+$/);
  });

  it('points every question at an expertise code', () => {
    for (const area of Q.areas) {
      for (const question of area.questions) {
        expect({ id: question.id, code: isCode('expertise', question.need) }).toEqual({
          id: question.id,
          code: true,
        });
      }
    }
  });

  it('mostly points an area’s questions at needs of that area', () => {
    for (const area of Q.areas) {
      const own = area.questions.filter((x) => areaOf(x.need) === area.area);
      expect({ area: area.area, most: own.length * 2 > area.questions.length }).toEqual({
        area: area.area,
        most: true,
      });
    }
  });

  it('has a five-point scale', () => {
    expect(Q.scale).toHaveLength(5);
  });

  it.each(SUPPORTED_LOCALES)('has every text in %s', (locale) => {
    const empty = TEXTS.filter(([, labels]) => !labels[locale]?.trim()).map(([where]) => where);
    expect(empty).toEqual([]);
  });

  it.each(TRANSLATED)('is translated into %s, not a copy of English', (locale) => {
    const copied = TEXTS.filter(([, labels]) => labels[locale] === labels.en).map(([w]) => w);
    expect(copied).toEqual([]);
  });

  it('has distinct anchors on its scale in every language', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const anchors = Q.scale.map((l) => l[locale]);
      expect(new Set(anchors).size).toBe(5);
    }
  });

  it('would pass the checks a tenant’s own questionnaire must pass', () => {
    const result = tenantConfigSchema.shape.programme.safeParse({ assessment: Q });
    expect(result.success).toBe(true);
  });
});
