import { useState, type SyntheticEvent, type JSX } from 'react';
import { ADVERSE_ACTIONS, ADVERSE_CATEGORIES, ADVERSE_OUTCOMES } from '../../../../../../src/shared/vocabulary.js';
import { api } from '../../../api.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextArea, TextField } from '../../../components/fields.js';
import { ADVERSE_WORDS, dateTime, fromLocalInput, ROUTE_WORDS, toLocalInput, words } from '../../../format.js';
import type { AdverseEvent, Dose, Patient } from '../../../types.js';
import { useSubmit } from '../../../use-submit.js';
import { checkChoice } from '../../../validate.js';

// CTCAE grades 1–5 (NCI Common Terminology Criteria for Adverse Events v5.0).
const GRADES = [
  { value: '1', label: '1 – mild' },
  { value: '2', label: '2 – moderate' },
  { value: '3', label: '3 – severe' },
  { value: '4', label: '4 – life-threatening' },
  { value: '5', label: '5 – death' },
];

/** Records an adverse event: category, CTCAE grade, when, the dose it followed, action and outcome. */
export function AdverseEventForm({ patient, doses, onSaved, onCancel }: { patient: Patient; doses: readonly Dose[]; onSaved: (event: AdverseEvent) => void; onCancel: () => void }): JSX.Element {
  const recent = [...doses].sort((a, b) => b.givenAt.localeCompare(a.givenAt));
  const [category, setCategory] = useState('');
  const [grade, setGrade] = useState('1');
  const [onsetAt, setOnsetAt] = useState(toLocalInput(new Date()));
  const [doseId, setDoseId] = useState(recent[0]?.id ?? '');
  const [action, setAction] = useState('none');
  const [outcome, setOutcome] = useState('ongoing');
  const [notes, setNotes] = useState('');
  const { errors, busy, run } = useSubmit('ae');

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const at = fromLocalInput(onsetAt);
    const chosen = checkChoice(category, 'what kind of event it was');
    const client = { category: chosen.ok ? undefined : chosen.error, onsetAt: at === null ? 'Enter when the event began' : undefined };
    const result = await run(client, () =>
      api.post<AdverseEvent>('/api/v1/adverse-events', {
        patientId: patient.id,
        doseId: doseId === '' ? null : doseId,
        category,
        grade: Number(grade),
        onsetAt: at,
        action,
        outcome,
        notes: notes.trim() === '' ? null : notes.trim(),
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  return (
    <form noValidate className="record-form" onSubmit={(event) => void submit(event)} aria-labelledby="ae-title">
      <h3 id="ae-title">Record an adverse event</h3>
      <ErrorSummary items={errors.summary} />
      <div className="form-grid">
        <SelectField id="ae-category" label="What happened" value={category} onChange={setCategory} options={[{ value: '', label: 'Choose…' }, ...ADVERSE_CATEGORIES.map((c) => ({ value: c, label: words(ADVERSE_WORDS, c) }))]} error={errors.byField.category} />
        <SelectField id="ae-grade" label="Grade (CTCAE)" value={grade} onChange={setGrade} options={GRADES} error={errors.byField.grade} />
        <TextField id="ae-onsetAt" label="Began at" type="datetime-local" width="medium" value={onsetAt} onChange={setOnsetAt} error={errors.byField.onsetAt} />
        <SelectField
          id="ae-doseId"
          label="After which dose"
          optional
          value={doseId}
          onChange={setDoseId}
          options={[{ value: '', label: 'Not linked to a dose' }, ...recent.map((d) => ({ value: d.id, label: `${dateTime(d.givenAt)} – ${words(ROUTE_WORDS, d.route)} ${d.mg} mg` }))]}
          error={errors.byField.doseId}
        />
        <SelectField id="ae-action" label="Action taken" value={action} onChange={setAction} options={ADVERSE_ACTIONS.map((a) => ({ value: a, label: a.replace(/-/g, ' ') }))} error={errors.byField.action} />
        <SelectField id="ae-outcome" label="Outcome" value={outcome} onChange={setOutcome} options={ADVERSE_OUTCOMES.map((o) => ({ value: o, label: o.replace(/-/g, ' ') }))} error={errors.byField.outcome} />
      </div>
      <TextArea id="ae-notes" label="Notes" optional value={notes} onChange={setNotes} error={errors.byField.notes} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save adverse event'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
