import { useEffect, useState, type JSX } from 'react';
import { api } from '../api.js';
import { RecordForm, useForm } from '../components/Form.js';
import { PageHeading } from '../components/PageHeading.js';
import { ErrorPanel, Loading } from '../components/Status.js';
import { TextField } from '../components/fields.js';
import { useSession } from '../session.js';
import type { ForecastSettings } from '../types.js';
import { useResource } from '../use-resource.js';
import { limitsOf } from '../validate.js';
import { ForecastSettingsInput } from '../../../../src/patients/forecast-settings.schema.js';
import { plural } from '../../../../src/shared/plural.js';

const PATH = '/api/v1/forecast/settings';
/** The API's bounds (src/patients/forecast-settings.schema.ts). */
const WITHIN_DAYS = limitsOf(ForecastSettingsInput, 'reliefEndingWithinDays');

/** The API's own words for a bad horizon, so the box says what the server would. */
export function checkWithinDays(text: string): string | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return 'must be a whole number';
  if (!Number.isInteger(value)) return 'must be a whole number';
  if (WITHIN_DAYS.min !== undefined && value < WITHIN_DAYS.min) return `must be at least ${WITHIN_DAYS.min}`;
  if (WITHIN_DAYS.max !== undefined && value > WITHIN_DAYS.max) return `must be at most ${WITHIN_DAYS.max}`;
  return undefined;
}

/** The clinic's settings: how the relief forecast is shown (clinicians read them, an admin changes them). */
export default function SettingsPage(): JSX.Element {
  const { data, error, loading, reload } = useResource<ForecastSettings>(PATH);
  return (
    <>
      <PageHeading title="Clinic settings" />
      {loading && data === null ? <Loading what="the settings" /> : null}
      {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
      {data === null ? null : <ForecastSettingsForm settings={data} />}
    </>
  );
}

function ForecastSettingsForm({ settings }: { settings: ForecastSettings }): JSX.Element {
  const admin = useSession().user.role === 'admin';
  const [withinDays, setWithinDays] = useState(String(settings.reliefEndingWithinDays));
  const [showOnProgressPage, setShowOnProgressPage] = useState(settings.showOnProgressPage);
  const [saved, setSaved] = useState<ForecastSettings | null>(null);
  const form = useForm('forecast');
  useEffect(() => setSaved(null), [withinDays, showOnProgressPage]);

  const submit = async (): Promise<void> => {
    const result = await form.run({ reliefEndingWithinDays: checkWithinDays(withinDays) }, () =>
      api.put<ForecastSettings>(PATH, { reliefEndingWithinDays: Number(withinDays.trim()), showOnProgressPage }),
    );
    if (result.ok) setSaved(result.value);
  };

  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title="Relief forecast"
      intro={
        <p className="muted">
          Decision support, never an instruction (docs: Forecast).
          {admin ? '' : ' Only an administrator can change these.'}
        </p>
      }
      onSubmit={submit}
      submit={admin ? 'Save settings' : undefined}
      footer={
        saved === null ? null : (
          <p role="status">
            Saved: relief likely ending within {plural(saved.reliefEndingWithinDays, 'day')}; progress page sentence{' '}
            {saved.showOnProgressPage ? 'on' : 'off'}.
          </p>
        )
      }
    >
      <TextField
        {...form.field('reliefEndingWithinDays')}
        label="Work queue: relief likely ending within (days)"
        hint="A whole number of days from 1 to 30 (default 3). The work queue lists a patient whose relief is predicted to end within this many days of now: ahead, or passed that recently while the last check-in still showed relief."
        unit="days"
        inputMode="numeric"
        width="short"
        value={withinDays}
        onChange={setWithinDays}
      />
      <div className="checkbox">
        <input
          id="forecast-showOnProgressPage"
          type="checkbox"
          checked={showOnProgressPage}
          disabled={!admin}
          onChange={(event) => setShowOnProgressPage(event.target.checked)}
        />
        <label htmlFor="forecast-showOnProgressPage">
          Patient progress page: say how long the patient&apos;s relief after a session has usually lasted (off by
          default; never advice, never a date)
        </label>
      </div>
    </RecordForm>
  );
}
