import { useState, type SyntheticEvent, type JSX } from 'react';
import { MODALITIES } from '../../../../../../src/shared/vocabulary.js';
import { TherapySessionInput } from '../../../../../../src/therapy-sessions/therapy-session.schema.js';
import { api } from '../../../api.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { SelectField, TextArea, TextField } from '../../../components/fields.js';
import { fromLocalInput, toLocalInput } from '../../../format.js';
import type { Course, Patient, TherapySession } from '../../../types.js';
import { useSubmit } from '../../../use-submit.js';
import { checkNumber, numberRule } from '../../../validate.js';

export const MODALITY_WORDS: Record<string, string> = { none: 'none', cbt: 'CBT', ifs: 'IFS', act: 'ACT', psychodynamic: 'psychodynamic', other: 'other' };

/** Records a preparation or integration psychotherapy session. */
export function TherapySessionForm({ patient, courses, onSaved, onCancel }: { patient: Patient; courses: readonly Course[]; onSaved: (s: TherapySession) => void; onCancel: () => void }): JSX.Element {
  const course = courses[courses.length - 1];
  const [heldAt, setHeldAt] = useState(toLocalInput(new Date()));
  const [kind, setKind] = useState('integration');
  const [modality, setModality] = useState<string>(course?.modality ?? 'cbt');
  const [minutes, setMinutes] = useState('50');
  const [notes, setNotes] = useState('');
  const { errors, busy, run } = useSubmit('therapy');

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    const at = fromLocalInput(heldAt);
    const length = checkNumber(minutes, numberRule(TherapySessionInput, 'minutes', { what: 'the length', unit: 'minutes' }));
    const result = await run({ heldAt: at === null ? 'Enter when the session took place' : undefined, minutes: length.ok ? undefined : length.error }, () =>
      api.post<TherapySession>('/api/v1/therapy-sessions', {
        patientId: patient.id,
        courseId: course?.id ?? null,
        heldAt: at,
        kind,
        modality,
        minutes: length.ok ? length.value : null,
        notes: notes.trim() === '' ? null : notes.trim(),
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  return (
    <form noValidate className="record-form" onSubmit={(event) => void submit(event)} aria-labelledby="therapy-title">
      <h3 id="therapy-title">Record a therapy session</h3>
      <ErrorSummary items={errors.summary} />
      <div className="form-grid">
        <TextField id="therapy-heldAt" label="Held at" type="datetime-local" width="medium" value={heldAt} onChange={setHeldAt} error={errors.byField.heldAt} />
        <SelectField id="therapy-kind" label="Kind" value={kind} onChange={setKind} options={[{ value: 'preparation', label: 'preparation' }, { value: 'integration', label: 'integration' }]} error={errors.byField.kind} />
        <SelectField id="therapy-modality" label="Modality" value={modality} onChange={setModality} options={MODALITIES.map((m) => ({ value: m, label: MODALITY_WORDS[m] ?? m }))} error={errors.byField.modality} />
        <TextField id="therapy-minutes" label="Length (minutes)" unit="min" inputMode="numeric" width="short" value={minutes} onChange={setMinutes} error={errors.byField.minutes} />
      </div>
      <TextArea id="therapy-notes" label="Notes" optional value={notes} onChange={setNotes} error={errors.byField.notes} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save session'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
