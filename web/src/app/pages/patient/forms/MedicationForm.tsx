import { useState, type JSX } from 'react';
import { DRUG_CLASSES } from '../../../../../../src/shared/vocabulary.js';
import { api } from '../../../api.js';
import { RecordForm, useForm } from '../../../components/Form.js';
import { SelectField, TextField } from '../../../components/fields.js';
import type { Medication, Patient } from '../../../types.js';
import { checkText } from '../../../validate.js';

const CLASS_WORDS: Record<string, string> = {
  benzodiazepine: 'benzodiazepine',
  sedative: 'other sedative',
  ssri: 'SSRI',
  snri: 'SNRI',
  maoi: 'MAOI',
  stimulant: 'stimulant',
  antipsychotic: 'antipsychotic',
  other: 'other',
};

/** Records a concurrent medication (benzodiazepines and other sedatives matter for safety). */
export function MedicationForm({
  patient,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  onSaved: (m: Medication) => void;
  onCancel: () => void;
}): JSX.Element {
  const [name, setName] = useState('');
  const [drugClass, setDrugClass] = useState('ssri');
  const [doseText, setDoseText] = useState('');
  const [startedOn, setStartedOn] = useState(new Date().toISOString().slice(0, 10));
  const [stoppedOn, setStoppedOn] = useState('');
  const form = useForm('medication');

  const submit = async (): Promise<void> => {
    const named = checkText(name, 'the medication name');
    const client = {
      name: named.ok ? undefined : named.error,
      startedOn: startedOn === '' ? 'Enter the first day it was taken' : undefined,
      stoppedOn:
        stoppedOn !== '' && stoppedOn < startedOn ? 'The last day must be on or after the first day' : undefined,
    };
    const result = await form.run(client, () =>
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
    <RecordForm form={form} title="Record a medication" onSubmit={submit} submit="Save medication" onCancel={onCancel}>
      <div className="form-grid">
        <TextField {...form.field('name')} label="Medication" width="medium" value={name} onChange={setName} />
        <SelectField
          {...form.field('drugClass')}
          label="Class"
          value={drugClass}
          onChange={setDrugClass}
          options={DRUG_CLASSES.map((c) => ({ value: c, label: CLASS_WORDS[c] ?? c }))}
        />
        <TextField
          {...form.field('doseText')}
          label="Dose"
          hint='e.g. "0.5 mg at night"'
          optional
          width="medium"
          value={doseText}
          onChange={setDoseText}
        />
        <TextField
          {...form.field('startedOn')}
          label="First day taken"
          type="date"
          width="medium"
          value={startedOn}
          onChange={setStartedOn}
        />
        <TextField
          {...form.field('stoppedOn')}
          label="Last day taken"
          hint="Leave empty while current"
          optional
          type="date"
          width="medium"
          value={stoppedOn}
          onChange={setStoppedOn}
        />
      </div>
    </RecordForm>
  );
}
