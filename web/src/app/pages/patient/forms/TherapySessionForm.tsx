import { useState, type JSX } from 'react';
import { MODALITIES } from '../../../../../../src/shared/vocabulary.js';
import { TherapySessionInput } from '../../../../../../src/therapy-sessions/therapy-session.schema.js';
import { api } from '../../../api.js';
import { RecordForm, useForm } from '../../../components/Form.js';
import { SelectField, TextArea, TextField } from '../../../components/fields.js';
import { fromLocalInput, toLocalInput } from '../../../format.js';
import type { Course, Patient, TherapySession } from '../../../types.js';
import { checkDateTime, checkNumber, collect, numberRule } from '../../../validate.js';

export const MODALITY_WORDS: Record<string, string> = {
  none: 'none',
  cbt: 'CBT',
  ifs: 'IFS',
  act: 'ACT',
  psychodynamic: 'psychodynamic',
  other: 'other',
};

/** Records a preparation or integration psychotherapy session. */
export function TherapySessionForm({
  patient,
  courses,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  courses: readonly Course[];
  onSaved: (s: TherapySession) => void;
  onCancel: () => void;
}): JSX.Element {
  const course = courses[courses.length - 1];
  const [heldAt, setHeldAt] = useState(toLocalInput(new Date()));
  const [kind, setKind] = useState('integration');
  const [modality, setModality] = useState<string>(course?.modality ?? 'cbt');
  const [minutes, setMinutes] = useState('50');
  const [notes, setNotes] = useState('');
  const form = useForm('therapy');

  const submit = async (): Promise<void> => {
    const checked = collect({
      heldAt: checkDateTime(fromLocalInput(heldAt), 'Enter when the session took place'),
      minutes: checkNumber(
        minutes,
        numberRule(TherapySessionInput, 'minutes', { what: 'the length', unit: 'minutes' }),
      ),
    });
    if (!checked.ok) {
      form.check(checked.errors);
      return;
    }
    const result = await form.run({}, () =>
      api.post<TherapySession>('/api/v1/therapy-sessions', {
        patientId: patient.id,
        courseId: course?.id ?? null,
        kind,
        modality,
        ...checked.values,
        notes: notes.trim() === '' ? null : notes.trim(),
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  return (
    <RecordForm
      form={form}
      title="Record a therapy session"
      onSubmit={submit}
      submit="Save session"
      onCancel={onCancel}
    >
      <div className="form-grid">
        <TextField
          {...form.field('heldAt')}
          label="Held at"
          type="datetime-local"
          width="medium"
          value={heldAt}
          onChange={setHeldAt}
        />
        <SelectField
          {...form.field('kind')}
          label="Kind"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'preparation', label: 'preparation' },
            { value: 'integration', label: 'integration' },
          ]}
        />
        <SelectField
          {...form.field('modality')}
          label="Modality"
          value={modality}
          onChange={setModality}
          options={MODALITIES.map((m) => ({ value: m, label: MODALITY_WORDS[m] ?? m }))}
        />
        <TextField
          {...form.field('minutes')}
          label="Length (minutes)"
          unit="min"
          inputMode="numeric"
          width="short"
          value={minutes}
          onChange={setMinutes}
        />
      </div>
      <TextArea {...form.field('notes')} label="Notes" optional value={notes} onChange={setNotes} />
    </RecordForm>
  );
}
