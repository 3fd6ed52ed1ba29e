import { useEffect, useState, type JSX } from 'react';
import { api } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { TextArea, TextField } from '../../components/fields.js';
import { useResource } from '../../use-resource.js';
import { checkNumber, numberRule } from '../../validate.js';
import { MinObservationMinutes, SafetySettings } from '../../../../../src/safety/settings.js';

type Settings = SafetySettings;
interface SafetyView {
  safety: Settings;
  crisisMessage: string;
}

type TopField = Exclude<keyof Settings, 'minObservationMinutes'>;
type Route = keyof Settings['minObservationMinutes'];

/** Each threshold as the form names it; the hint is the schema's own description (its default and source). */
const TOP: readonly { field: TopField; label: string; unit?: string }[] = [
  { field: 'bpPreDoseSystolic', label: 'Before a dose: alert when the systolic is above', unit: 'mmHg' },
  { field: 'bpPreDoseDiastolic', label: 'Before a dose: alert when the diastolic is above', unit: 'mmHg' },
  { field: 'bpPostDoseSystolic', label: 'After a dose: urgent when the systolic is above', unit: 'mmHg' },
  { field: 'bpPostDoseDiastolic', label: 'After a dose: urgent when the diastolic is above', unit: 'mmHg' },
  { field: 'maxDosesIn30Days', label: 'Alert when more doses than this fall in 30 days', unit: 'doses' },
  { field: 'maxCumulativeMgIn30Days', label: 'Alert when more mg than this are given in 30 days', unit: 'mg' },
  { field: 'cravingThreshold', label: 'A craving rating (0–10) at or above this raises an alert' },
  { field: 'cravingRisingCount', label: 'This many rising craving ratings in a row raise an alert', unit: 'ratings' },
  { field: 'missedFollowUpDays', label: 'Days after a dose before a missing questionnaire is missed', unit: 'days' },
  { field: 'baselineWindowDays', label: 'How far before the first dose a baseline may lie', unit: 'days' },
];
const ROUTES: readonly { route: Route; label: string }[] = [
  { route: 'iv', label: 'IV' },
  { route: 'im', label: 'IM' },
  { route: 'intranasal', label: 'Intranasal' },
  { route: 'sublingual', label: 'Sublingual' },
  { route: 'oral', label: 'Oral' },
];
const OPTIONAL: ReadonlySet<string> = new Set(['maxCumulativeMgIn30Days']);

const observationLabel = (label: string): string => `Least observation after an ${label} dose`;
const fieldOf = (field: string): string => `safety.${field}`;
const routeField = (route: Route): string => `safety.minObservationMinutes.${route}`;

export const SAFETY_LABELS: Readonly<Record<string, string>> = Object.fromEntries<string>([
  ['crisisMessage', 'Crisis message'],
  ...TOP.map((t): [string, string] => [fieldOf(t.field), t.label]),
  // The rules' own cross-field checks name the setting without the "safety." of the request.
  ...TOP.map((t): [string, string] => [t.field, t.label]),
  ...ROUTES.map((r): [string, string] => [routeField(r.route), observationLabel(r.label)]),
]);

const text = (value: number | null): string => (value === null ? '' : String(value));

/** The clinic's crisis message and every safety threshold, each with its default and source. */
export function SafetyForm(): JSX.Element {
  const { data, error, reload } = useResource<SafetyView>('/api/v1/safety-settings');
  if (error !== null) return <ErrorPanel problem={error} retry={reload} />;
  if (data === null) return <Loading what="the safety settings" />;
  return <SafetyFields loaded={data} />;
}

function SafetyFields({ loaded }: { loaded: SafetyView }): JSX.Element {
  const initial = (): Record<string, string> => ({
    ...Object.fromEntries(TOP.map((t) => [fieldOf(t.field), text(loaded.safety[t.field])])),
    ...Object.fromEntries(ROUTES.map((r) => [routeField(r.route), text(loaded.safety.minObservationMinutes[r.route])])),
  });
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [crisis, setCrisis] = useState(loaded.crisisMessage);
  const [base, setBase] = useState<SafetyView>(loaded);
  const [saved, setSaved] = useState(false);
  const form = useForm('safety', SAFETY_LABELS);
  useEffect(() => setSaved(false), [values, crisis]);
  const set = (field: string) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (): Promise<void> => {
    const errors: Record<string, string | undefined> = {};
    const safety: Record<string, unknown> = {};
    for (const t of TOP) {
      const rule = numberRule(SafetySettings, t.field, {
        what: t.label.toLowerCase(),
        ...(t.unit === undefined ? {} : { unit: t.unit }),
      });
      const checked = checkNumber(values[fieldOf(t.field)] ?? '', { ...rule, required: !OPTIONAL.has(t.field) });
      if (!checked.ok) errors[fieldOf(t.field)] = checked.error;
      else if (checked.value !== base.safety[t.field]) safety[t.field] = checked.value;
    }
    const observation: Record<string, number | null> = {};
    for (const r of ROUTES) {
      const rule = numberRule(MinObservationMinutes, r.route, {
        what: observationLabel(r.label).toLowerCase(),
        unit: 'minutes',
      });
      const checked = checkNumber(values[routeField(r.route)] ?? '', { ...rule, required: false });
      if (!checked.ok) errors[routeField(r.route)] = checked.error;
      else if (checked.value !== base.safety.minObservationMinutes[r.route]) observation[r.route] = checked.value;
    }
    if (Object.keys(observation).length > 0) safety.minObservationMinutes = observation;
    const body: Record<string, unknown> = { safety };
    if (crisis.trim() !== base.crisisMessage) body.crisisMessage = crisis.trim() === '' ? null : crisis.trim();
    const result = await form.run(errors, () => api.put<SafetyView>('/api/v1/safety-settings', body));
    if (result.ok) {
      setBase(result.value);
      setCrisis(result.value.crisisMessage);
      setSaved(true);
    }
  };

  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title="Crisis message and safety thresholds"
      intro={
        <p className="muted">
          The safety rules raise alerts at these limits. Each box says the product’s default and where it comes from.
        </p>
      }
      onSubmit={submit}
      submit="Save the safety settings"
      footer={
        saved ? (
          <p role="status" className="saved">
            Saved the crisis message and safety thresholds.
          </p>
        ) : null
      }
    >
      <TextArea
        {...form.field('crisisMessage')}
        label={SAFETY_LABELS.crisisMessage ?? 'Crisis message'}
        hint="Shown to a patient at once after an answer that calls for it (for example thoughts of self-harm), before anything else: say how to get help now, with the phone number for your country. 20 to 2,000 characters; empty restores Onset's default."
        value={crisis}
        onChange={setCrisis}
      />
      {TOP.map((t) => (
        <TextField
          key={t.field}
          {...form.field(fieldOf(t.field))}
          label={t.unit === undefined ? t.label : `${t.label} (${t.unit})`}
          hint={SafetySettings.properties[t.field].description}
          optional={OPTIONAL.has(t.field)}
          inputMode="decimal"
          width="short"
          value={values[fieldOf(t.field)] ?? ''}
          onChange={set(fieldOf(t.field))}
        />
      ))}
      <fieldset className="fieldset">
        <legend className="field-label">Least observation after a dose, by route (minutes; empty: no rule)</legend>
        {ROUTES.map((r) => (
          <TextField
            key={r.route}
            {...form.field(routeField(r.route))}
            label={`${observationLabel(r.label)} (minutes)`}
            hint={MinObservationMinutes.properties[r.route].description}
            optional
            inputMode="numeric"
            width="short"
            value={values[routeField(r.route)] ?? ''}
            onChange={set(routeField(r.route))}
          />
        ))}
      </fieldset>
    </RecordForm>
  );
}
