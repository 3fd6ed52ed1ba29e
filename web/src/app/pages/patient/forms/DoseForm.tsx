import { useEffect, useRef, useState, type JSX } from 'react';
import { DoseInput } from '../../../../../../src/doses/dose.schema.js';
import {
  overWords,
  readingsOver,
  type BloodPressureLimits,
  type ReadingOver,
} from '../../../../../../src/safety/blood-pressure.js';
import { DRUGS, ROUTES, SETTINGS } from '../../../../../../src/shared/vocabulary.js';
import { api } from '../../../api.js';
import { RecordForm, useForm } from '../../../components/Form.js';
import { SelectField, TextArea, TextField } from '../../../components/fields.js';
import {
  DRUG_WORDS,
  fromLocalInput,
  mgPerKg,
  num,
  ROUTE_WORDS,
  SETTING_WORDS,
  toLocalInput,
  usd,
  words,
} from '../../../format.js';
import type { Course, Dose, Patient } from '../../../types.js';
import { useResource } from '../../../use-resource.js';
import { checkChoice, checkDateTime, checkNumber, collect, numberRule, type NumberRule } from '../../../validate.js';

// Ranges, whole-number rules and required fields read from the dose schema (src/doses/dose.schema.ts).
const rule = (field: keyof typeof DoseInput.properties, what: string, unit?: string): NumberRule =>
  numberRule(DoseInput, field, unit === undefined ? { what } : { what, unit });
const RULES = {
  mg: rule('mg', 'the dose', 'mg'),
  observationMinutes: rule('observationMinutes', 'the observation time', 'minutes'),
  systolicBefore: rule('systolicBefore', 'systolic pressure before', 'mmHg'),
  diastolicBefore: rule('diastolicBefore', 'diastolic pressure before', 'mmHg'),
  heartRateBefore: rule('heartRateBefore', 'heart rate before', 'bpm'),
  spo2Before: rule('spo2Before', 'SpO2 before', '%'),
  systolicAfter: rule('systolicAfter', 'systolic pressure after', 'mmHg'),
  diastolicAfter: rule('diastolicAfter', 'diastolic pressure after', 'mmHg'),
  heartRateAfter: rule('heartRateAfter', 'heart rate after', 'bpm'),
  spo2After: rule('spo2After', 'SpO2 after', '%'),
  dissociation: rule('dissociation', 'the dissociation rating'),
  priceUsd: rule('priceUsd', 'the price', 'USD'),
} satisfies Record<string, NumberRule>;

type NumberField = keyof typeof RULES;
const VITALS: { field: NumberField; label: string; unit: string }[][] = [
  [
    { field: 'systolicBefore', label: 'Systolic', unit: 'mmHg' },
    { field: 'diastolicBefore', label: 'Diastolic', unit: 'mmHg' },
    { field: 'heartRateBefore', label: 'Heart rate', unit: 'bpm' },
    { field: 'spo2Before', label: 'SpO2', unit: '%' },
  ],
  [
    { field: 'systolicAfter', label: 'Systolic', unit: 'mmHg' },
    { field: 'diastolicAfter', label: 'Diastolic', unit: 'mmHg' },
    { field: 'heartRateAfter', label: 'Heart rate', unit: 'bpm' },
    { field: 'spo2After', label: 'SpO2', unit: '%' },
  ],
];

const LIMIT_FIELDS = ['bpPreDoseSystolic', 'bpPreDoseDiastolic', 'bpPostDoseSystolic', 'bpPostDoseDiastolic'] as const;

/**
 * The clinic's blood-pressure limits (GET /api/v1/safety-settings), or null until they have arrived or when
 * they cannot be read: the server still raises its alerts after saving, only the question before it is lost.
 */
function useBloodPressureLimits(): BloodPressureLimits | null {
  const { data } = useResource<{ safety: Record<string, unknown> }>('/api/v1/safety-settings');
  if (data === null) return null;
  const limits: Partial<BloodPressureLimits> = {};
  for (const field of LIMIT_FIELDS) {
    const value = data.safety[field];
    if (typeof value !== 'number') return null;
    limits[field] = value;
  }
  return limits as BloodPressureLimits;
}

/**
 * Asked before a dose whose blood pressure is over the clinic's limits is saved, in the alert's own words
 * (src/safety/blood-pressure.ts): save it anyway (the alert follows) or go back to the readings.
 */
function BloodPressureCheck({
  over,
  onSave,
  onReview,
}: {
  over: readonly ReadingOver[];
  onSave: () => void;
  onReview: () => void;
}): JSX.Element {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const before = over.filter((o) => o.when === 'before');
  const after = over.filter((o) => o.when === 'after');
  return (
    <div className="alert-close bp-check" role="alert" tabIndex={-1} ref={panel} aria-labelledby="bp-check-title">
      <h3 id="bp-check-title">Blood pressure over the clinic&apos;s limits</h3>
      <ul>
        {before.length === 0 ? null : (
          <li>Before the dose: {overWords(before)} mmHg (the pre-dose caution level; a warning follows).</li>
        )}
        {after.length === 0 ? null : (
          <li>After the dose: {overWords(after)} mmHg (the post-dose limit; an urgent alert follows).</li>
        )}
      </ul>
      <p>Check the readings. If they are right, save the dose: the alert is raised as it is saved.</p>
      <div className="alert-actions">
        <button type="button" className="button" onClick={onSave}>
          Save the dose anyway
        </button>
        <button type="button" className="button button-secondary" onClick={onReview}>
          Check the readings
        </button>
      </div>
    </div>
  );
}

/**
 * Records a dose. Defaults: now, and the course's usual drug, route and mg; mg/kg is worked out as you
 * type from the patient's weight; units sit beside each box.
 */
export function DoseForm({
  patient,
  courses,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  courses: readonly Course[];
  onSaved: (dose: Dose) => void;
  onCancel: () => void;
}): JSX.Element {
  const current = courses[courses.length - 1];
  const [courseId, setCourseId] = useState(current?.id ?? '');
  const course = courses.find((c) => c.id === courseId) ?? current;
  const [givenAt, setGivenAt] = useState(toLocalInput(new Date()));
  const [drug, setDrug] = useState<string>(course?.usualDrug ?? 'racemic-ketamine');
  const [route, setRoute] = useState<string>(course?.usualRoute ?? 'iv');
  const [setting, setSetting] = useState<string>('clinic');
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    mg: course?.usualMg === null || course?.usualMg === undefined ? '' : String(course.usualMg),
    observationMinutes: '120',
    systolicBefore: '',
    diastolicBefore: '',
    heartRateBefore: '',
    spo2Before: '',
    systolicAfter: '',
    diastolicAfter: '',
    heartRateAfter: '',
    spo2After: '',
    dissociation: '',
    priceUsd: '',
  });
  const [notes, setNotes] = useState('');
  const form = useForm('dose');
  const limits = useBloodPressureLimits();
  // The readings over the limits that the user is being asked about; a changed reading asks again.
  const [asking, setAsking] = useState<ReadingOver[] | null>(null);
  const set = (field: NumberField) => (value: string) => {
    setAsking(null);
    setNumbers((n) => ({ ...n, [field]: value }));
  };
  const mg = checkNumber(numbers.mg, RULES.mg);
  const perKg = mg.ok ? mgPerKg(mg.value, patient.weightKg) : null;

  const submit = async (confirmed = false): Promise<void> => {
    const checked = collect({
      ...(Object.fromEntries(
        Object.entries(RULES).map(([field, rule]) => [field, checkNumber(numbers[field as NumberField], rule)]),
      ) as Record<NumberField, ReturnType<typeof checkNumber>>),
      givenAt: checkDateTime(fromLocalInput(givenAt), 'Enter when the dose was given'),
      courseId: checkChoice(courseId, 'the course this dose belongs to'),
    });
    if (!checked.ok) {
      form.check(checked.errors);
      return;
    }
    const { givenAt: at, courseId: chosenCourse, ...measured } = checked.values;
    const reading = (value: unknown): number | null => (typeof value === 'number' ? value : null);
    const readings = {
      systolicBefore: reading(measured.systolicBefore),
      diastolicBefore: reading(measured.diastolicBefore),
      systolicAfter: reading(measured.systolicAfter),
      diastolicAfter: reading(measured.diastolicAfter),
    };
    const over = limits === null ? [] : readingsOver(readings, limits);
    if (over.length > 0 && !confirmed) {
      setAsking(over);
      return;
    }
    setAsking(null);
    const result = await form.run({}, () =>
      api.post<Dose>('/api/v1/doses', {
        patientId: patient.id,
        courseId: chosenCourse,
        givenAt: at,
        drug,
        route,
        setting,
        ...measured,
        notes: notes.trim() === '' ? null : notes.trim(),
      }),
    );
    if (result.ok) onSaved(result.value);
  };

  return (
    <RecordForm form={form} title="Record a dose" onSubmit={() => submit()} submit="Save dose" onCancel={onCancel}>
      {courses.length > 1 ? (
        <SelectField
          {...form.field('courseId')}
          label="Course"
          value={courseId}
          onChange={setCourseId}
          options={courses.map((c, i) => ({
            value: c.id,
            label: `Course ${i + 1}, from ${c.startedAt.slice(0, 10)} (${c.phase})`,
          }))}
        />
      ) : null}
      <div className="form-grid">
        <TextField
          {...form.field('givenAt')}
          label="Given at"
          type="datetime-local"
          hint={`Your computer's time (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
          value={givenAt}
          onChange={setGivenAt}
          width="medium"
        />
        <SelectField
          {...form.field('drug')}
          label="Drug"
          value={drug}
          onChange={setDrug}
          options={DRUGS.map((d) => ({ value: d, label: words(DRUG_WORDS, d) }))}
        />
        <SelectField
          {...form.field('route')}
          label="Route"
          value={route}
          onChange={setRoute}
          options={ROUTES.map((r) => ({ value: r, label: words(ROUTE_WORDS, r) }))}
        />
        <SelectField
          {...form.field('setting')}
          label="Setting"
          value={setting}
          onChange={setSetting}
          options={SETTINGS.map((s) => ({ value: s, label: words(SETTING_WORDS, s) }))}
        />
        <TextField
          {...form.field('mg')}
          label="Dose (mg)"
          unit="mg"
          inputMode="decimal"
          width="short"
          value={numbers.mg}
          onChange={set('mg')}
          extra={
            <p className="computed" id="dose-mgkg" aria-live="polite">
              {patient.weightKg === null
                ? 'mg/kg: no weight recorded for this patient'
                : perKg === null
                  ? `mg/kg: enter the dose (weight ${num(patient.weightKg)} kg)`
                  : `= ${num(perKg, 2)} mg/kg (weight ${num(patient.weightKg)} kg)`}
            </p>
          }
        />
        <TextField
          {...form.field('observationMinutes')}
          label="Observation (minutes)"
          unit="min"
          inputMode="numeric"
          width="short"
          optional
          value={numbers.observationMinutes}
          onChange={set('observationMinutes')}
        />
        <TextField
          {...form.field('dissociation')}
          label="Dissociation (0–10)"
          hint="Clinician rating: 0 none, 10 extreme"
          inputMode="numeric"
          width="short"
          optional
          value={numbers.dissociation}
          onChange={set('dissociation')}
        />
        <TextField
          {...form.field('priceUsd')}
          label="Price (USD)"
          unit="USD"
          inputMode="decimal"
          width="short"
          optional
          hint={
            course?.defaultPriceUsd === null || course?.defaultPriceUsd === undefined
              ? 'No course default price'
              : `Empty: the course default, ${usd(course.defaultPriceUsd)}`
          }
          value={numbers.priceUsd}
          onChange={set('priceUsd')}
        />
      </div>
      {VITALS.map((group, i) => (
        <fieldset className="fieldset vitals" key={i === 0 ? 'before' : 'after'}>
          <legend className="field-label">
            {i === 0 ? 'Vital signs before the dose' : 'Vital signs after the dose'} (optional)
          </legend>
          <div className="form-grid">
            {group.map((v) => (
              <TextField
                key={v.field}
                {...form.field(v.field)}
                label={`${v.label} (${v.unit})`}
                unit={v.unit}
                inputMode="numeric"
                width="short"
                value={numbers[v.field]}
                onChange={set(v.field)}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <TextArea {...form.field('notes')} label="Notes" optional value={notes} onChange={setNotes} />
      {asking === null ? null : (
        <BloodPressureCheck
          over={asking}
          onSave={() => void submit(true)}
          onReview={() => {
            setAsking(null);
            const first = asking[0];
            if (first !== undefined) document.getElementById(form.field(first.field).id)?.focus();
          }}
        />
      )}
    </RecordForm>
  );
}
