import { useState, type SyntheticEvent, type JSX } from 'react';
import { CourseInput } from '../../../../../../src/courses/course.schema.js';
import { DRUGS, MODALITIES, ROUTES } from '../../../../../../src/shared/vocabulary.js';
import { api } from '../../../api.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextField } from '../../../components/fields.js';
import { DRUG_WORDS, fromLocalInput, ROUTE_WORDS, toLocalInput, words } from '../../../format.js';
import { useInstruments } from '../../../instruments.js';
import type { Course, Patient } from '../../../types.js';
import { useSubmit } from '../../../use-submit.js';
import { checkNumber, collect, numberRule } from '../../../validate.js';
import { MODALITY_WORDS } from './TherapySessionForm.js';

/** Starts a treatment course: its primary questionnaire, usual drug, route and dose, and price per session. */
export function CourseForm({ patient, onSaved, onCancel }: { patient: Patient; onSaved: (c: Course) => void; onCancel: () => void }): JSX.Element {
  const instruments = useInstruments();
  const [startedAt, setStartedAt] = useState(toLocalInput(new Date()));
  const [primaryInstrument, setPrimaryInstrument] = useState('gad7');
  const [modality, setModality] = useState('cbt');
  const [usualDrug, setUsualDrug] = useState('racemic-ketamine');
  const [usualRoute, setUsualRoute] = useState('iv');
  const [usualMg, setUsualMg] = useState('');
  const [price, setPrice] = useState('');
  const { errors, busy, run } = useSubmit('course');

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const at = fromLocalInput(startedAt);
    const checked = collect({
      usualMg: checkNumber(usualMg, numberRule(CourseInput, 'usualMg', { what: 'the usual dose', unit: 'mg' })),
      defaultPriceUsd: checkNumber(price, numberRule(CourseInput, 'defaultPriceUsd', { what: 'the price per session', unit: 'USD' })),
    });
    const client = { ...(checked.ok ? {} : checked.errors), startedAt: at === null ? 'Enter when the course began' : undefined };
    const result = await run(client, () =>
      api.post<Course>('/api/v1/courses', {
        patientId: patient.id,
        startedAt: at,
        primaryInstrument,
        modality,
        usualDrug,
        usualRoute,
        usualMg: checked.ok ? checked.values.usualMg : null,
        defaultPriceUsd: checked.ok ? checked.values.defaultPriceUsd : null,
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  const choices = instruments.length === 0 ? [{ value: 'gad7', label: 'GAD-7' }] : instruments.map((i) => ({ value: i.id, label: `${i.shortName} – ${i.name}` }));
  return (
    <form noValidate className="record-form" onSubmit={(event) => void submit(event)} aria-labelledby="course-title">
      <h3 id="course-title">Start a treatment course</h3>
      <ErrorSummary items={errors.summary} />
      <div className="form-grid">
        <TextField id="course-startedAt" label="Started" type="datetime-local" width="medium" value={startedAt} onChange={setStartedAt} error={errors.byField.startedAt} />
        <SelectField id="course-primaryInstrument" label="Primary questionnaire" value={primaryInstrument} onChange={setPrimaryInstrument} options={choices} error={errors.byField.primaryInstrument} />
        <SelectField id="course-modality" label="Integration therapy" value={modality} onChange={setModality} options={MODALITIES.map((m) => ({ value: m, label: MODALITY_WORDS[m] ?? m }))} error={errors.byField.modality} />
        <SelectField id="course-usualDrug" label="Usual drug" value={usualDrug} onChange={setUsualDrug} options={DRUGS.map((d) => ({ value: d, label: words(DRUG_WORDS, d) }))} error={errors.byField.usualDrug} />
        <SelectField id="course-usualRoute" label="Usual route" value={usualRoute} onChange={setUsualRoute} options={ROUTES.map((r) => ({ value: r, label: words(ROUTE_WORDS, r) }))} error={errors.byField.usualRoute} />
        <TextField id="course-usualMg" label="Usual dose (mg)" unit="mg" optional inputMode="decimal" width="short" value={usualMg} onChange={setUsualMg} error={errors.byField.usualMg} />
        <TextField id="course-defaultPriceUsd" label="Price per session (USD)" unit="USD" optional inputMode="decimal" width="short" value={price} onChange={setPrice} error={errors.byField.defaultPriceUsd} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Start course'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
