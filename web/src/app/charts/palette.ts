/**
 * Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), used for every chart. Series are also told
 * apart by shape, dash or a direct label, never by colour alone.
 */
export const OKABE_ITO = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  reddishPurple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** Colours for groups in a fixed order (conditions, instruments). */
export const SERIES = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
] as const;

/** Dash patterns paired with SERIES, so lines differ in more than colour. */
export const DASHES = ['none', '6,3', '2,2', '8,3,2,3', '1,3', '10,4', '4,2,1,2'] as const;

export function seriesColour(index: number): string {
  return SERIES[index % SERIES.length] ?? OKABE_ITO.black;
}

export function seriesDash(index: number): string {
  return DASHES[index % DASHES.length] ?? 'none';
}
