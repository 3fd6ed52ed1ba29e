import { describe, expect, it } from 'vitest';
import { MECHANISM_REFERENCES } from './mechanism.js';
import { citedAs } from './cite.js';
import { evidenceView } from './index.js';

describe('citedAs', () => {
  it('names a study by its authors and year, in both citation forms', () => {
    expect(citedAs('Hull et al. 2022, J Affect Disord 314:59–67')).toBe('Hull et al. 2022');
    expect(
      citedAs(
        'Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol Psychiatry 2018;23(4):801–811',
      ),
    ).toBe('Zanos and Gould 2018');
    expect(
      citedAs(
        'Moghaddam B, Adams B, Verma A, Daly D. Activation of glutamatergic neurotransmission. J Neurosci 1997;17(8):2921–2927',
      ),
    ).toBe('Moghaddam et al. 1997');
  });

  it('gives every key the evidence page shows a name that is not the key', () => {
    const view = evidenceView();
    const keys = [
      ...view.studies.map((s) => s.key),
      ...view.timeCourse.flatMap((p) => p.studies),
      ...view.mechanism.steps.flatMap((s) => s.references),
      ...MECHANISM_REFERENCES.map((r) => r.key),
    ];
    for (const key of keys) {
      expect(view.citedAs[key], key).toMatch(/^[A-Z][a-z]+.* \d{4}$/);
    }
  });
});
