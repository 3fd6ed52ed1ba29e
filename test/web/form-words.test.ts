// A server's field problem in the user's words (issue 25, item 7): a reason that names another field by its
// code name reads with that field's label; plain words that happen to be field names stay as they are.
import { expect, it } from 'vitest';
import { inLabels } from '../../web/src/app/form-words.js';

const labels = { systolicBefore: 'Systolic before (mmHg)', label: 'Label', givenAt: 'Given at' };

it('writes a field named in a reason as its label, in quotes', () => {
  expect(inLabels('must be lower than systolicBefore (80 mmHg)', labels)).toBe(
    'must be lower than "Systolic before (mmHg)" (80 mmHg)',
  );
  expect(inLabels('must not be after givenAt', labels)).toBe('must not be after "Given at"');
});

it('leaves plain words alone, and names it does not know', () => {
  expect(inLabels('another patient in this clinic already has the label "P-1"', labels)).toBe(
    'another patient in this clinic already has the label "P-1"',
  );
  expect(inLabels('must be lower than diastolicAfter', labels)).toBe('must be lower than diastolicAfter');
});
