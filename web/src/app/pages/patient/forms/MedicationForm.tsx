import { useState, type SyntheticEvent, type JSX } from 'react';
import { DRUG_CLASSES } from '../../../../../../src/shared/vocabulary.js';
import { api } from '../../../api.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextField } from '../../../components/fields.js';
import type { Medication, Patient } from '../../../types.js';
import { useSubmit } from '../../../use-submit.js';
import { checkText } from '../../../validate.js';

const CLASS_WORDS: Record<string, string> = { benzodiazepine: 'benzodiazepine', sedative: 'other sedative', ssri: 'SSRI', snri: 'SNRI', maoi: 'MAOI', stimulant: 'stimulant', antipsychotic: 'antipsychotic', other: 'other' };

/** Records a concurrent medication (benzodiazepines and other sedatives matter for safety). */
export function MedicationForm({ patient, onSaved, onCancel }: { patient: Patient; onSaved: (m: Medication) => void; onCancel: () => void }): JSX.Element {
  const [name, setName] = useState('');
  const [drugClass, setDrugClass] = useState('ssri');
  const [doseText, setDoseText] = useState('');
  const [startedOn, setStartedOn] = useState(new Date().toISOString().slice(0, 10));
  const [stoppedOn, setStoppedOn] = useState('');
  const { errors, busy, run } = useSubmit('medication');

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const named = checkText(name, 'the medication name');
    const client = {
      name: named.ok ? undefined : named.error,
      startedOn: startedOn === '' ? 'Enter the first day it was taken' : undefined,
      stoppedOn: stoppedOn !== '' && stoppedOn < startedOn ? 'The last day must be on or after the first day' : undefined,
    };
    const result = await run(client, () =>
      api.post<Medication>('/api/v1/medications', {
        patientId: patient.id,
        name: name.trim(),
        drugClass,
        doseText: doseText.trim() === '' ? null : doseText.trim(),
        startedOn,
        stoppedOn: stoppedOn === '' ? null : stoppedOn,
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  return (
    <form noValidate className="record-form" onSubmit={(event) => void submit(event)} aria-labelledby="medication-title">
      <h3 id="medication-title">Record a medication</h3>
      <ErrorSummary items={errors.summary} />
      <div className="form-grid">
        <TextField id="medication-name" label="Medication" width="medium" value={name} onChange={setName} error={errors.byField.name} />
        <SelectField id="medication-drugClass" label="Class" value={drugClass} onChange={setDrugClass} options={DRUG_CLASSES.map((c) => ({ value: c, label: CLASS_WORDS[c] ?? c }))} error={errors.byField.drugClass} />
        <TextField id="medication-doseText" label="Dose" hint='e.g. "0.5 mg at night"' optional width="medium" value={doseText} onChange={setDoseText} error={errors.byField.doseText} />
        <TextField id="medication-startedOn" label="First day taken" type="date" width="medium" value={startedOn} onChange={setStartedOn} error={errors.byField.startedOn} />
        <TextField id="medication-stoppedOn" label="Last day taken" hint="Leave empty while current" optional type="date" width="medium" value={stoppedOn} onChange={setStoppedOn} error={errors.byField.stoppedOn} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save medication'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
