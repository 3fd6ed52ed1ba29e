import { useState, type JSX } from 'react';
import { RemsSessionInput } from '../../../../../src/rems/rems-session.schema.js';
import { api } from '../../api.js';
import { RecordForm, useForm, type FormState } from '../../components/Form.js';
import { SelectField, TextArea, TextField } from '../../components/fields.js';
import { dateTime, fromLocalInput, toLocalInput } from '../../format.js';
import type { RemsSession } from '../../types.js';
import { checkNumber, numberRule, type Checked } from '../../validate.js';

/**
 * The monitoring record of one esketamine session, laid out as the REMS Patient Monitoring Form asks
 * (docs/rems.md): readings with their times, what was observed, devices and lot, the medication questions,
 * and the provider and setting. Field ids are `rems-<field>`, so the form's missing fields link here.
 */

type Field = keyof typeof RemsSessionInput.properties;
const NUMBERS = [
  ['beforeSystolic', 'Systolic', 'mmHg'],
  ['beforeDiastolic', 'Diastolic', 'mmHg'],
  ['fortyMinuteSystolic', 'Systolic', 'mmHg'],
  ['fortyMinuteDiastolic', 'Diastolic', 'mmHg'],
  ['dischargeSystolic', 'Systolic', 'mmHg'],
  ['dischargeDiastolic', 'Diastolic', 'mmHg'],
  ['devicesUsed', 'Devices used', 'devices'],
] as const satisfies readonly (readonly [Field, string, string])[];
const TIMES = ['beforeAt', 'fortyMinuteAt', 'dischargeAt', 'readyToLeaveAt'] as const satisfies readonly Field[];
const YES_NO = [
  'vitalsAcceptableBefore',
  'vitalsAcceptableAtCompletion',
  'sedation',
  'dissociation',
  'respiratoryDepression',
  'seriousAdverseEvent',
  'benzodiazepines',
  'nonBenzodiazepineSedativeHypnotics',
  'psychostimulants',
  'maois',
] as const satisfies readonly Field[];
const TEXTS = [
  'sedationNote',
  'dissociationNote',
  'respiratoryDepressionNote',
  'seriousAdverseEventDescription',
  'lotNumber',
  'patientBirthDate',
  'providerName',
  'providerPhone',
  'providerEmail',
  'settingName',
  'settingAddress',
  'notes',
] as const satisfies readonly Field[];

type Values = Record<
  (typeof NUMBERS)[number][0] | (typeof TIMES)[number] | (typeof YES_NO)[number] | (typeof TEXTS)[number],
  string
>;

const YES_NO_OPTIONS = [
  { value: '', label: 'Not answered' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function valuesOf(s: RemsSession): Values {
  const entries: [string, string][] = [
    ...NUMBERS.map(([f]): [string, string] => [f, s[f] === null ? '' : String(s[f])]),
    ...TIMES.map((f): [string, string] => [f, s[f] === null ? '' : toLocalInput(new Date(s[f]))]),
    ...YES_NO.map((f): [string, string] => [f, s[f] === null ? '' : s[f] ? 'yes' : 'no']),
    ...TEXTS.map((f): [string, string] => [f, s[f] ?? '']),
  ];
  return Object.fromEntries(entries) as Values;
}

/** The PATCH body from the boxes, or the client errors by field. */
function bodyOf(
  v: Values,
  spo2: string,
  spo2At: string,
  session: RemsSession,
): Checked<Record<string, unknown>> & { errors?: Record<string, string> } {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [field, what, unit] of NUMBERS) {
    const checked = checkNumber(v[field], numberRule(RemsSessionInput, field, { what: `${what} (${field})`, unit }));
    if (checked.ok) body[field] = checked.value;
    else errors[field] = checked.error;
  }
  for (const field of TIMES) body[field] = fromLocalInput(v[field]);
  for (const field of YES_NO) body[field] = v[field] === '' ? null : v[field] === 'yes';
  for (const field of TEXTS) body[field] = v[field].trim() === '' ? null : v[field].trim();
  const readings = [...session.pulseOximetry];
  if (spo2.trim() !== '' || spo2At !== '') {
    const value = checkNumber(spo2, {
      what: 'the SpO2 reading',
      unit: '%',
      min: 50,
      max: 100,
      integer: true,
      required: true,
    });
    const at = fromLocalInput(spo2At);
    if (!value.ok) errors.pulseOximetry = value.error;
    else if (at === null) errors.pulseOximetry = 'Enter when the SpO2 reading was taken';
    else readings.push({ spo2: value.value ?? 0, at });
  }
  body.pulseOximetry = readings;
  if (Object.keys(errors).length > 0) return { ok: false, error: 'check the fields', errors };
  return { ok: true, value: body };
}

function YesNo(props: {
  form: FormState;
  field: (typeof YES_NO)[number];
  label: string;
  v: Values;
  set: (f: keyof Values) => (x: string) => void;
}): JSX.Element {
  return (
    <SelectField
      {...props.form.field(props.field)}
      label={props.label}
      value={props.v[props.field]}
      onChange={props.set(props.field)}
      options={YES_NO_OPTIONS}
    />
  );
}

/** The session's readings and answers, saved together. */
export function RemsSessionForm({ session, onSaved }: { session: RemsSession; onSaved: () => void }): JSX.Element {
  const form = useForm('rems');
  const [v, setValues] = useState<Values>(() => valuesOf(session));
  const [spo2, setSpo2] = useState('');
  const [spo2At, setSpo2At] = useState('');
  const set = (field: keyof Values) => (value: string) => setValues((old) => ({ ...old, [field]: value }));
  const text = (field: (typeof TEXTS)[number], label: string, optional = false): JSX.Element => (
    <TextField {...form.field(field)} label={label} value={v[field]} onChange={set(field)} optional={optional} />
  );
  const time = (field: (typeof TIMES)[number], label: string): JSX.Element => (
    <TextField
      {...form.field(field)}
      label={label}
      type="datetime-local"
      value={v[field]}
      onChange={set(field)}
      width="medium"
    />
  );
  const number = (index: number): JSX.Element => {
    const [field, label, unit] = NUMBERS[index] ?? NUMBERS[0];
    return (
      <TextField
        {...form.field(field)}
        label={label}
        unit={unit}
        inputMode="numeric"
        width="short"
        value={v[field]}
        onChange={set(field)}
      />
    );
  };
  const yesNo = (field: (typeof YES_NO)[number], label: string): JSX.Element => (
    <YesNo form={form} field={field} label={label} v={v} set={set} />
  );

  const submit = async (): Promise<void> => {
    const checked = bodyOf(v, spo2, spo2At, session);
    if (!checked.ok) {
      form.check(checked.errors ?? {});
      return;
    }
    const result = await form.run({}, () =>
      api.patch<RemsSession>(`/api/v1/rems-sessions/${session.id}`, checked.value),
    );
    if (result.ok) onSaved();
  };

  const locked = session.formSubmittedAt !== null;
  return (
    <RecordForm
      form={form}
      title="Monitoring record"
      level={2}
      onSubmit={submit}
      submit={locked ? undefined : 'Save the monitoring record'}
      intro={
        locked ? (
          <p>The form was submitted: this record no longer changes.</p>
        ) : (
          <p>Save as you go; every field can wait until the form is checked.</p>
        )
      }
    >
      <fieldset className="fieldset" disabled={locked}>
        <legend>Blood pressure before the dose</legend>
        <div className="form-grid">
          {number(0)}
          {number(1)}
          {time('beforeAt', 'Taken at')}
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={locked}>
        <legend>Blood pressure about 40 minutes after the dose</legend>
        <div className="form-grid">
          {number(2)}
          {number(3)}
          {time('fortyMinuteAt', 'Taken at')}
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={locked}>
        <legend>Blood pressure before discharge</legend>
        <div className="form-grid">
          {number(4)}
          {number(5)}
          {time('dischargeAt', 'Taken at')}
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={locked}>
        <legend>Vital signs and pulse oximetry</legend>
        <div className="form-grid">
          {yesNo('vitalsAcceptableBefore', 'Vital signs acceptable before the dose?')}
          {yesNo('vitalsAcceptableAtCompletion', 'Vital signs acceptable at the end of monitoring?')}
        </div>
        <p>
          Pulse oximetry so far:{' '}
          {session.pulseOximetry.length === 0
            ? 'none recorded.'
            : session.pulseOximetry.map((r) => `${r.spo2}% at ${dateTime(r.at)}`).join('; ')}
        </p>
        <div className="form-grid">
          <TextField
            {...form.field('pulseOximetry')}
            label="Add an SpO2 reading"
            unit="%"
            inputMode="numeric"
            width="short"
            value={spo2}
            onChange={setSpo2}
            optional
          />
          <TextField
            id="rems-pulseOximetryAt"
            label="Reading taken at"
            type="datetime-local"
            width="medium"
            value={spo2At}
            onChange={setSpo2At}
            optional
          />
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={locked}>
        <legend>Observed during monitoring</legend>
        <div className="form-grid">
          {yesNo('sedation', 'Sedation?')}
          {text('sedationNote', 'Sedation: what was seen', true)}
          {yesNo('dissociation', 'Dissociation?')}
          {text('dissociationNote', 'Dissociation: what was seen', true)}
          {yesNo('respiratoryDepression', 'Respiratory depression?')}
          {text('respiratoryDepressionNote', 'Respiratory depression: what was seen', true)}
          {yesNo('seriousAdverseEvent', 'Serious adverse event?')}
          {text('seriousAdverseEventDescription', 'Serious adverse event: describe it', true)}
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={locked}>
        <legend>Devices, times and medications</legend>
        <div className="form-grid">
          {number(6)}
          {text('lotNumber', 'Lot number')}
          {time('readyToLeaveAt', 'Ready to leave, were there no 2-hour minimum, at')}
          {yesNo('benzodiazepines', 'Taking benzodiazepines?')}
          {yesNo('nonBenzodiazepineSedativeHypnotics', 'Taking non-benzodiazepine sedative hypnotics?')}
          {yesNo('psychostimulants', 'Taking psychostimulants?')}
          {yesNo('maois', 'Taking monoamine oxidase inhibitors (MAOIs)?')}
        </div>
      </fieldset>
      <fieldset className="fieldset" disabled={locked}>
        <legend>Patient, provider and setting (as the form asks)</legend>
        <div className="form-grid">
          <TextField
            {...form.field('patientBirthDate')}
            label="Patient's date of birth"
            type="date"
            width="medium"
            value={v.patientBirthDate}
            onChange={set('patientBirthDate')}
          />
          {text('providerName', 'Provider who monitored the patient')}
          {text('providerPhone', 'Provider telephone')}
          {text('providerEmail', 'Provider e-mail')}
          {text('settingName', 'Healthcare setting name')}
          {text('settingAddress', 'Healthcare setting address')}
        </div>
        <TextArea {...form.field('notes')} label="Notes" value={v.notes} onChange={set('notes')} optional />
      </fieldset>
    </RecordForm>
  );
}
