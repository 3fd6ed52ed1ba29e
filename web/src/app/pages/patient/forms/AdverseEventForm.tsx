import { useState, type JSX } from 'react';
import { ADVERSE_ACTIONS, ADVERSE_CATEGORIES, ADVERSE_OUTCOMES } from '../../../../../../src/shared/vocabulary.js';
import { api } from '../../../api.js';
import { RecordForm, useForm } from '../../../components/Form.js';
import { SelectField, TextArea, TextField } from '../../../components/fields.js';
import { ADVERSE_WORDS, dateTime, fromLocalInput, ROUTE_WORDS, toLocalInput, words } from '../../../format.js';
import type { AdverseEvent, Dose, Patient } from '../../../types.js';
import { checkChoice, checkDateTime, collect } from '../../../validate.js';

// CTCAE grades 1–5 (NCI Common Terminology Criteria for Adverse Events v5.0).
const GRADES = [
  { value: '1', label: '1 – mild' },
  { value: '2', label: '2 – moderate' },
  { value: '3', label: '3 – severe' },
  { value: '4', label: '4 – life-threatening' },
  { value: '5', label: '5 – death' },
];

/** Records an adverse event: category, CTCAE grade, when, the dose it followed, action and outcome. */
export function AdverseEventForm({
  patient,
  doses,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  doses: readonly Dose[];
  onSaved: (event: AdverseEvent) => void;
  onCancel: () => void;
}): JSX.Element {
  const recent = [...doses].sort((a, b) => b.givenAt.localeCompare(a.givenAt));
  const [category, setCategory] = useState('');
  const [grade, setGrade] = useState('1');
  const [onsetAt, setOnsetAt] = useState(toLocalInput(new Date()));
  const [doseId, setDoseId] = useState(recent[0]?.id ?? '');
  const [action, setAction] = useState('none');
  const [outcome, setOutcome] = useState('ongoing');
  const [notes, setNotes] = useState('');
  const form = useForm('ae');

  const submit = async (): Promise<void> => {
    const checked = collect({
      category: checkChoice(category, 'what kind of event it was'),
      onsetAt: checkDateTime(fromLocalInput(onsetAt), 'Enter when the event began'),
    });
    if (!checked.ok) {
      form.check(checked.errors);
      return;
    }
    const result = await form.run({}, () =>
      api.post<AdverseEvent>('/api/v1/adverse-events', {
        patientId: patient.id,
        doseId: doseId === '' ? null : doseId,
        category: checked.values.category,
        grade: Number(grade),
        onsetAt: checked.values.onsetAt,
        action,
        outcome,
        notes: notes.trim() === '' ? null : notes.trim(),
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  return (
    <RecordForm
      form={form}
      title="Record an adverse event"
      onSubmit={submit}
      submit="Save adverse event"
      onCancel={onCancel}
    >
      <div className="form-grid">
        <SelectField
          {...form.field('category')}
          label="What happened"
          value={category}
          onChange={setCategory}
          options={[
            { value: '', label: 'Choose…' },
            ...ADVERSE_CATEGORIES.map((c) => ({ value: c, label: words(ADVERSE_WORDS, c) })),
          ]}
        />
        <SelectField
          {...form.field('grade')}
          label="Grade (CTCAE)"
          value={grade}
          onChange={setGrade}
          options={GRADES}
        />
        <TextField
          {...form.field('onsetAt')}
          label="Began at"
          type="datetime-local"
          width="medium"
          value={onsetAt}
          onChange={setOnsetAt}
        />
        <SelectField
          {...form.field('doseId')}
          label="After which dose"
          optional
          value={doseId}
          onChange={setDoseId}
          options={[
            { value: '', label: 'Not linked to a dose' },
            ...recent.map((d) => ({
              value: d.id,
              label: `${dateTime(d.givenAt)} – ${words(ROUTE_WORDS, d.route)} ${d.mg} mg`,
            })),
          ]}
        />
        <SelectField
          {...form.field('action')}
          label="Action taken"
          value={action}
          onChange={setAction}
          options={ADVERSE_ACTIONS.map((a) => ({ value: a, label: a.replace(/-/g, ' ') }))}
        />
        <SelectField
          {...form.field('outcome')}
          label="Outcome"
          value={outcome}
          onChange={setOutcome}
          options={ADVERSE_OUTCOMES.map((o) => ({ value: o, label: o.replace(/-/g, ' ') }))}
        />
      </div>
      <TextArea {...form.field('notes')} label="Notes" optional value={notes} onChange={setNotes} />
    </RecordForm>
  );
}
