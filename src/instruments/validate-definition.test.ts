import { describe, expect, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { getInstrument, listInstruments } from './registry.js';
import { scoreAnswers } from './score.js';
import { validateInstrumentDefinition } from './validate-definition.js';

type Json = Record<string, unknown>;

/** A clinic's definition file: the built-in one as JSON, with values replaced at JSON paths (`items[2].max`). */
function aDefinitionFile(id: string, changes: Readonly<Record<string, unknown>> = {}): Json {
  const json = JSON.parse(JSON.stringify(getInstrument(id))) as Json;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
    let node = json;
    for (const key of keys.slice(0, -1)) node = node[key] as Json;
    node[keys.at(-1)!] = value;
  }
  return json;
}

function messages(json: unknown): string[] {
  try {
    validateInstrumentDefinition(json);
  } catch (error) {
    if (error instanceof OnsetError) return error.problems.map((p) => `${p.field}: ${p.reason}`);
    throw error;
  }
  return [];
}

describe('validateInstrumentDefinition', () => {
  it.each(listInstruments().map((def) => [def.id, def] as const))(
    'accepts the built-in %s as a JSON file',
    (id, def) => {
      expect(validateInstrumentDefinition(aDefinitionFile(id))).toEqual(def);
      expect(validateInstrumentDefinition(aDefinitionFile(id))).not.toBe(def);
    },
  );

  it('accepts a clinic version with its own item text, bands and thresholds, and scores with it', () => {
    const file = aDefinitionFile('hama', {
      'items[0].text': 'Anxious mood (clinic wording)',
      'questionnaire.item[0].text': 'Anxious mood (clinic wording)',
      bands: [
        { label: 'below threshold', min: 0, max: 13 },
        { label: 'above threshold', min: 14, max: 56 },
      ],
      remissionMax: 10,
    });
    const def = validateInstrumentDefinition(file);
    // 14 items at 1 = 14: in the clinic's upper band.
    expect(
      scoreAnswers(
        def,
        Array.from({ length: 14 }, () => 1),
      ),
    ).toMatchObject({ total: 14, band: 'above threshold' });
  });

  it('names an item whose max is below its min', () => {
    const file = aDefinitionFile('gad7', { 'items[2].max': -1 });
    expect(messages(file)).toContain('items[2].max: must be an integer ≥ min');
  });

  it('refuses items that differ from the built-in structure its scoring rules read', () => {
    const file = aDefinitionFile('phq9', { 'items[8].linkId': 'item9', 'items[0].max': 4 });
    expect(messages(file)).toEqual(
      expect.arrayContaining([
        'items[8].linkId: must be "9" (items keep the built-in order)',
        'items[0]: range must be 0–3, as the built-in scoring rules expect; got 0–4',
      ]),
    );
  });

  it('refuses bands with a gap, and bands that stop short of the maximum', () => {
    const file = aDefinitionFile('gad7', {
      bands: [
        { label: 'low', min: 0, max: 9 },
        { label: 'high', min: 11, max: 20 },
      ],
    });
    expect(messages(file)).toEqual([
      'bands[1].min: must be 10, so bands have no gaps or overlaps',
      'bands: must end at totalMax 21',
    ]);
  });

  it('names every bad scalar field', () => {
    const file = aDefinitionFile('gad7', {
      rater: 'nurse',
      validated: 'yes',
      totalMax: 20,
      responseFraction: 50,
      remissionMax: 30,
      reliableChange: 0,
      loinc: { panel: '69737', total: null },
      prorating: { maxMissing: 7, note: '' },
      subscales: { worry: ['2', '3', '8'] },
      colour: 'blue',
    });
    expect(messages(file)).toEqual([
      'colour: unknown field; allowed: id, name, shortName, rater, licence, validated, items, totalMin, totalMax, subscales, bands, responseFraction, remissionMax, reliableChange, loinc, prorating, source, questionnaire',
      'rater: must be one of "patient", "clinician"',
      'validated: must be true or false',
      'totalMax: must be 21, the highest total these items give',
      'subscales.worry[2]: must be a linkId of this instrument (items 1–7)',
      'responseFraction: must be null or a fraction above 0 and at most 1 (e.g. 0.5)',
      'remissionMax: must be null or an integer from 0 to 20',
      'reliableChange: must be null or a number of points above 0 and at most 21',
      'loinc.panel: must be a LOINC code such as 69737-5',
      'prorating.maxMissing: must be an integer from 1 to 6',
      'prorating.note: must be a non-empty string',
      'questionnaire.code: must include the LOINC panel code 69737 (system http://loinc.org)',
    ]);
  });

  it('refuses an unknown instrument id', () => {
    expect(messages(aDefinitionFile('gad7', { id: 'gad9' }))).toEqual([
      'id: must be one of the built-in instruments: gad7, phq9, pcl5, hama, ocir, ybocs, lsas, minispin, cadss6, cssrs, urinary, craving, anxiety-vas',
    ]);
  });

  it('refuses C-SSRS bands and prorating (its band is the screener risk level)', () => {
    const file = aDefinitionFile('cssrs', {
      bands: [{ label: 'any', min: 0, max: 6 }],
      prorating: { maxMissing: 1, note: 'n' },
    });
    expect(messages(file)).toEqual([
      'bands: must be empty: the C-SSRS band is its risk level, set by the screener rules',
      'prorating: must be null: the C-SSRS skip logic leaves questions out by design',
    ]);
  });

  it('checks the Questionnaire against the items, naming the path', () => {
    const file = aDefinitionFile('gad7', {
      'questionnaire.id': 'anxiety',
      'questionnaire.status': 'draft',
      'questionnaire.name': 'gad-7',
      'questionnaire.item[1].text': 'Different wording',
      'questionnaire.item[2].type': 'boolean',
      'questionnaire.item[3].answerOption': getInstrument('gad7').questionnaire.item[3]!.answerOption.slice(0, 3),
      'questionnaire.item[4].answerOption[0].extension': [],
      'questionnaire.item[5].linkId': '66',
    });
    expect(messages(file)).toEqual([
      'questionnaire.id: must be "gad7", the instrument id',
      'questionnaire.name: must start with a capital letter and use only letters, digits and _',
      'questionnaire.status: must be one of "active"',
      'questionnaire.item[1].text: must be the same text as the scoring item',
      'questionnaire.item[2].type: must be one of "choice"',
      'questionnaire.item[3].answerOption: ordinal values must be exactly 0–3, once each; got 0, 1, 2',
      'questionnaire.item[4].answerOption[0].extension: must carry http://hl7.org/fhir/StructureDefinition/ordinalValue with a valueDecimal',
      'questionnaire.item[5].linkId: must be "6", as items[] lists it in this position',
    ]);
  });

  it('refuses a file that is not an object', () => {
    expect(messages([])).toEqual(['file: must be an object']);
  });
});
