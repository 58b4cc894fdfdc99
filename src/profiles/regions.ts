// World regions used to match people by location when the exact country differs.
// Mostly the UN M49 sub-regions, merged to fit a short list, with a few practical choices:
// Mexico is grouped with Central America; Zambia, Zimbabwe, Malawi and Mozambique with
// Southern Africa; Armenia, Azerbaijan and Georgia with Central Asia; Afghanistan with South Asia.

export const REGION_CODES = [
  'north_africa',
  'west_africa',
  'central_africa',
  'east_africa',
  'southern_africa',
  'middle_east',
  'europe',
  'north_america',
  'central_america_caribbean',
  'south_america',
  'south_asia',
  'southeast_asia',
  'east_asia',
  'central_asia',
  'oceania',
] as const;
export type RegionCode = (typeof REGION_CODES)[number];

/** ISO 3166-1 alpha-2 codes by region (plus Kosovo, XK). */
const CURRENT: Record<RegionCode, string> = {
  north_africa: 'DZ EG EH LY MA SD TN',
  west_africa: 'BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG',
  central_africa: 'AO CD CF CG CM GA GQ ST TD',
  east_africa: 'BI DJ ER ET IO KE KM MG MU RE RW SC SO SS TF TZ UG YT',
  southern_africa: 'BW LS MW MZ NA SZ ZA ZM ZW',
  middle_east: 'AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE',
  europe:
    'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE ' +
    'LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
  north_america: 'BM CA GL PM US',
  central_america_caribbean:
    'AG AI AW BB BL BQ BS BZ CR CU CW DM DO GD GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PR ' +
    'SV SX TC TT VC VG VI',
  south_america: 'AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE',
  south_asia: 'AF BD BT IN LK MV NP PK',
  southeast_asia: 'BN ID KH LA MM MY PH SG TH TL VN',
  east_asia: 'CN HK JP KP KR MN MO TW',
  central_asia: 'AM AZ GE KG KZ TJ TM UZ',
  // Antarctica has no region of its own; it is reached mostly through Oceania and South America.
  oceania:
    'AQ AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS',
};

/**
 * Codes outside the current ISO list that ICU still names, so a country picker built from
 * `Intl.DisplayNames` may offer and store them: exceptional reservations (Ascension, Canary
 * Islands…) and withdrawn codes (Burma, East Germany, USSR…), mapped like their successors.
 */
const OTHER: Readonly<Record<string, RegionCode>> = {
  AC: 'west_africa', // Ascension Island
  TA: 'west_africa', // Tristan da Cunha
  DG: 'east_africa', // Diego Garcia
  EA: 'europe', // Ceuta and Melilla (Spain)
  IC: 'europe', // Canary Islands (Spain)
  CQ: 'europe', // Sark
  CP: 'oceania', // Clipperton Island (France, Pacific)
  AN: 'central_america_caribbean', // Netherlands Antilles
  BU: 'southeast_asia', // Burma
  CS: 'europe', // Serbia and Montenegro
  DD: 'europe', // East Germany
  DY: 'west_africa', // Dahomey
  FX: 'europe', // Metropolitan France
  HV: 'west_africa', // Upper Volta
  NH: 'oceania', // New Hebrides
  RH: 'southern_africa', // Rhodesia
  SU: 'europe', // USSR
  TP: 'southeast_asia', // East Timor
  UK: 'europe', // United Kingdom (reserved alias of GB)
  VD: 'southeast_asia', // North Vietnam
  YD: 'middle_east', // South Yemen
  YU: 'europe', // Yugoslavia
  ZR: 'central_africa', // Zaire
};

function buildCountryRegion(): Record<string, RegionCode> {
  const map: Record<string, RegionCode> = {};
  for (const region of REGION_CODES) {
    for (const country of CURRENT[region].split(' ')) map[country] = region;
  }
  return { ...map, ...OTHER };
}

/** Region code of every country code (upper-case ISO 3166-1 alpha-2). */
export const COUNTRY_REGION: Readonly<Record<string, string>> = Object.freeze(buildCountryRegion());

const BY_REGION: ReadonlyMap<string, readonly string[]> = (() => {
  const byRegion = new Map<string, string[]>(REGION_CODES.map((r) => [r, []]));
  for (const [country, region] of Object.entries(COUNTRY_REGION))
    byRegion.get(region)!.push(country);
  for (const list of byRegion.values()) list.sort();
  return byRegion;
})();

/** The region of a country code (any case), or null when unknown or empty. */
export function regionOf(country: string | null | undefined): string | null {
  const code = country?.trim().toUpperCase();
  return code && Object.hasOwn(COUNTRY_REGION, code) ? COUNTRY_REGION[code] : null;
}

/**
 * Every country code in a region, sorted; empty for an unknown region. Includes the
 * withdrawn codes above, so it also matches profiles that stored one of them.
 */
export function countriesInRegion(region: string): string[] {
  return [...(BY_REGION.get(region) ?? [])];
}
