import { useState, type JSX } from 'react';
import { PatientInput } from '../../../../src/patients/patient.schema.js';
import { CONDITIONS, HISTORY } from '../../../../src/shared/vocabulary.js';
import { api } from '../api.js';
import { RecordForm, useForm } from '../components/Form.js';
import { CheckboxGroup, SelectField, TextField } from '../components/fields.js';
import { CONDITION_WORDS, words } from '../format.js';
import { navigate } from '../router.js';
import { blankIsNull, CONTACT_LABELS, ContactFields } from './patient/forms/ContactForm.js';
import type { Patient } from '../types.js';
import { checkLength, checkNumber, collect, limitsOf, numberRule } from '../validate.js';

const HISTORY_WORDS: Record<string, string> = {
  hypertension: 'hypertension',
  psychosis: 'psychosis',
  'substance-use': 'substance use',
  bladder: 'bladder problems',
};

/** Enrols a patient: a label is enough; weight lets Onset work out mg/kg for each dose. */
export function NewPatientForm({ onCancel }: { onCancel: () => void }): JSX.Element {
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [sex, setSex] = useState('');
  const [weight, setWeight] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [conditions, setConditions] = useState<string[]>([]);
  const [history, setHistory] = useState<string[]>([]);
  const form = useForm('patient', { label: 'Label', ...CONTACT_LABELS });

  const submit = async (): Promise<void> => {
    const checked = collect({
      label: checkLength(label, 'a label (pseudonym or record number)', {
        ...limitsOf(PatientInput, 'label'),
        required: true,
      }),
      // The schema allows up to its year limit; a birth year cannot be later than this year.
      birthYear: checkNumber(birthYear, {
        ...numberRule(PatientInput, 'birthYear', { what: 'the birth year' }),
        max: new Date().getFullYear(),
      }),
      weightKg: checkNumber(weight, numberRule(PatientInput, 'weightKg', { what: 'the weight', unit: 'kg' })),
    });
    if (!checked.ok) {
      form.check(checked.errors);
      return;
    }
    const result = await form.run({}, () =>
      api.post<Patient>('/api/v1/patients', {
        label: checked.values.label,
        name: name.trim() === '' ? null : name.trim(),
        email: blankIsNull(email),
        phone: blankIsNull(phone),
        birthYear: checked.values.birthYear,
        sex: sex === '' ? null : sex,
        weightKg: checked.values.weightKg,
        conditions,
        history,
      }),
    );
    if (result.ok) navigate(`/patients/${result.value.id}`);
  };

  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title="Add a patient"
      onSubmit={submit}
      submit="Add patient"
      onCancel={onCancel}
    >
      <div className="form-grid">
        <TextField
          {...form.field('label')}
          label="Label"
          hint="Pseudonym or record number, unique in the clinic"
          width="medium"
          value={label}
          onChange={setLabel}
        />
        <TextField {...form.field('name')} label="Name" optional width="medium" value={name} onChange={setName} />
        <ContactFields form={form} email={email} phone={phone} onEmail={setEmail} onPhone={setPhone} />
        <TextField
          {...form.field('birthYear')}
          label="Birth year"
          optional
          inputMode="numeric"
          width="short"
          value={birthYear}
          onChange={setBirthYear}
        />
        <SelectField
          {...form.field('sex')}
          label="Sex"
          optional
          value={sex}
          onChange={setSex}
          options={[
            { value: '', label: 'Not recorded' },
            { value: 'female', label: 'female' },
            { value: 'male', label: 'male' },
            { value: 'other', label: 'other' },
            { value: 'unknown', label: 'unknown' },
          ]}
        />
        <TextField
          {...form.field('weightKg')}
          label="Weight (kg)"
          optional
          unit="kg"
          hint="Used to work out mg/kg for each dose"
          inputMode="decimal"
          width="short"
          value={weight}
          onChange={setWeight}
        />
      </div>
      <CheckboxGroup
        {...form.field('conditions')}
        legend="Anxiety conditions"
        options={CONDITIONS.map((c) => ({ value: c, label: words(CONDITION_WORDS, c) }))}
        values={conditions}
        onChange={setConditions}
      />
      <CheckboxGroup
        {...form.field('history')}
        legend="Relevant history"
        hint="These change which safety checks apply"
        options={HISTORY.map((h) => ({ value: h, label: words(HISTORY_WORDS, h) }))}
        values={history}
        onChange={setHistory}
      />
    </RecordForm>
  );
}
