import { useState, type JSX } from 'react';
import { CourseInput } from '../../../../../../src/courses/course.schema.js';
import { DRUGS, MODALITIES, ROUTES } from '../../../../../../src/shared/vocabulary.js';
import { api } from '../../../api.js';
import { RecordForm, useForm } from '../../../components/Form.js';
import { SelectField, TextField } from '../../../components/fields.js';
import { DRUG_WORDS, fromLocalInput, ROUTE_WORDS, toLocalInput, words } from '../../../format.js';
import { useInstruments } from '../../../instruments.js';
import type { Course, Patient } from '../../../types.js';
import { checkDateTime, checkNumber, collect, numberRule } from '../../../validate.js';
import { MODALITY_WORDS } from './TherapySessionForm.js';

/** Starts a treatment course: its primary questionnaire, usual drug, route and dose, and price per session. */
export function CourseForm({
  patient,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  onSaved: (c: Course) => void;
  onCancel: () => void;
}): JSX.Element {
  const instruments = useInstruments();
  const [startedAt, setStartedAt] = useState(toLocalInput(new Date()));
  const [primaryInstrument, setPrimaryInstrument] = useState('gad7');
  const [modality, setModality] = useState('cbt');
  const [usualDrug, setUsualDrug] = useState('racemic-ketamine');
  const [usualRoute, setUsualRoute] = useState('iv');
  const [usualMg, setUsualMg] = useState('');
  const [price, setPrice] = useState('');
  const form = useForm('course');

  const submit = async (): Promise<void> => {
    const checked = collect({
      startedAt: checkDateTime(fromLocalInput(startedAt), 'Enter when the course began'),
      usualMg: checkNumber(usualMg, numberRule(CourseInput, 'usualMg', { what: 'the usual dose', unit: 'mg' })),
      defaultPriceUsd: checkNumber(
        price,
        numberRule(CourseInput, 'defaultPriceUsd', { what: 'the price per session', unit: 'USD' }),
      ),
    });
    if (!checked.ok) {
      form.check(checked.errors);
      return;
    }
    const result = await form.run({}, () =>
      api.post<Course>('/api/v1/courses', {
        patientId: patient.id,
        primaryInstrument,
        modality,
        usualDrug,
        usualRoute,
        ...checked.values,
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  const choices =
    instruments.length === 0
      ? [{ value: 'gad7', label: 'GAD-7' }]
      : instruments.map((i) => ({ value: i.id, label: `${i.shortName} – ${i.name}` }));
  return (
    <RecordForm
      form={form}
      title="Start a treatment course"
      onSubmit={submit}
      submit="Start course"
      onCancel={onCancel}
    >
      <div className="form-grid">
        <TextField
          {...form.field('startedAt')}
          label="Started"
          type="datetime-local"
          width="medium"
          value={startedAt}
          onChange={setStartedAt}
        />
        <SelectField
          {...form.field('primaryInstrument')}
          label="Primary questionnaire"
          value={primaryInstrument}
          onChange={setPrimaryInstrument}
          options={choices}
        />
        <SelectField
          {...form.field('modality')}
          label="Integration therapy"
          value={modality}
          onChange={setModality}
          options={MODALITIES.map((m) => ({ value: m, label: MODALITY_WORDS[m] ?? m }))}
        />
        <SelectField
          {...form.field('usualDrug')}
          label="Usual drug"
          value={usualDrug}
          onChange={setUsualDrug}
          options={DRUGS.map((d) => ({ value: d, label: words(DRUG_WORDS, d) }))}
        />
        <SelectField
          {...form.field('usualRoute')}
          label="Usual route"
          value={usualRoute}
          onChange={setUsualRoute}
          options={ROUTES.map((r) => ({ value: r, label: words(ROUTE_WORDS, r) }))}
        />
        <TextField
          {...form.field('usualMg')}
          label="Usual dose (mg)"
          unit="mg"
          optional
          inputMode="decimal"
          width="short"
          value={usualMg}
          onChange={setUsualMg}
        />
        <TextField
          {...form.field('defaultPriceUsd')}
          label="Price per session (USD)"
          unit="USD"
          optional
          inputMode="decimal"
          width="short"
          value={price}
          onChange={setPrice}
        />
      </div>
    </RecordForm>
  );
}
