import { useEffect, useState, type JSX } from 'react';
import { api } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { TextArea, TextField } from '../../components/fields.js';
import { useSession } from '../../session.js';
import type { Clinic } from '../../types.js';
import { useResource } from '../../use-resource.js';
import { checkLength, limitsOf } from '../../validate.js';
import { ClinicInput } from '../../../../../src/clinics/clinic.schema.js';
import {
  MAX_FRAME_ANCESTORS,
  originProblem,
  type FrameAncestors,
} from '../../../../../src/clinics/frame-ancestors.schema.js';
import { SafetyForm } from './SafetyForm.js';

const NAME = limitsOf(ClinicInput, 'name');

/** The clinic's name and time zone, its crisis message and safety thresholds, and who may embed Onset. */
export function ClinicSection(): JSX.Element {
  const session = useSession();
  return (
    <>
      {session.clinic === null ? (
        <p role="alert">The clinic could not be loaded.</p>
      ) : (
        <ClinicForm clinic={session.clinic} />
      )}
      <SafetyForm />
      <FrameAncestorsPanel />
    </>
  );
}

const CLINIC_LABELS = { name: 'Clinic name', timeZone: 'Time zone' };

function ClinicForm({ clinic }: { clinic: Clinic }): JSX.Element {
  const session = useSession();
  const [name, setName] = useState(clinic.name);
  const [timeZone, setTimeZone] = useState(clinic.timeZone);
  const [saved, setSaved] = useState<Clinic | null>(null);
  const form = useForm('clinic', CLINIC_LABELS);
  useEffect(() => setSaved(null), [name, timeZone]);
  const submit = async (): Promise<void> => {
    const checked = checkLength(name, 'the clinic name', NAME);
    const result = await form.run(
      {
        name: checked.ok ? undefined : checked.error,
        timeZone: timeZone.trim() === '' ? 'Enter the time zone, e.g. Europe/London' : undefined,
      },
      () => api.patch<Clinic>('/api/v1/clinic', { name: name.trim(), timeZone: timeZone.trim() }),
    );
    if (result.ok) {
      setSaved(result.value);
      session.reloadClinic();
    }
  };
  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title="The clinic"
      onSubmit={submit}
      submit="Save the clinic"
      footer={
        saved === null ? null : (
          <p role="status" className="saved">
            Saved: {saved.name}, time zone {saved.timeZone}.
          </p>
        )
      }
    >
      <TextField {...form.field('name')} label={CLINIC_LABELS.name} value={name} onChange={setName} width="long" />
      <TextField
        {...form.field('timeZone')}
        label={CLINIC_LABELS.timeZone}
        hint="The IANA name of the clinic's time zone, e.g. America/New_York or Europe/London. Due dates, REMS deadlines and reports count days in it."
        value={timeZone}
        onChange={setTimeZone}
        width="medium"
      />
    </RecordForm>
  );
}

/** Each line's problem, in the words the server refuses it with, or undefined when every line is an origin. */
export function checkOrigins(lines: readonly string[]): string | undefined {
  if (lines.length > MAX_FRAME_ANCESTORS) return `At most ${MAX_FRAME_ANCESTORS} addresses (there are ${lines.length})`;
  const problems = lines.flatMap((line, i) => {
    const reason = originProblem(line);
    return reason === null ? [] : [`line ${i + 1} (${line}) ${reason}`];
  });
  return problems.length === 0 ? undefined : `The address on ${problems.join('; the address on ')}`;
}

function FrameAncestorsPanel(): JSX.Element {
  const { data, error, reload } = useResource<FrameAncestors>('/api/v1/clinic/frame-ancestors');
  if (error !== null) return <ErrorPanel problem={error} retry={reload} />;
  if (data === null) return <Loading what="who may embed Onset" />;
  return <FrameAncestorsForm stored={data} />;
}

const ORIGINS_LABEL = 'EHR addresses allowed to embed Onset';

function FrameAncestorsForm({ stored }: { stored: FrameAncestors }): JSX.Element {
  const [text, setText] = useState(stored.origins.join('\n'));
  const [saved, setSaved] = useState<FrameAncestors | null>(null);
  const form = useForm('frame', { origins: ORIGINS_LABEL });
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const submit = async (): Promise<void> => {
    const result = await form.run({ origins: checkOrigins(lines) }, () =>
      api.put<FrameAncestors>('/api/v1/clinic/frame-ancestors', { origins: lines }),
    );
    if (result.ok) {
      setSaved(result.value);
      setText(result.value.origins.join('\n'));
    }
  };
  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title="Embedding in an EHR"
      intro={
        <p className="muted">
          By default no other site may show Onset inside a frame. Name the https address of each EHR that shows Onset
          beside its own chart; only pages your staff open signed in are then allowed in its frames.
        </p>
      }
      onSubmit={submit}
      submit="Save the addresses"
      footer={
        saved === null ? null : (
          <p role="status" className="saved">
            {saved.origins.length === 0
              ? 'Saved: no site may embed Onset.'
              : `Saved: ${saved.origins.join(', ')} may embed Onset.`}
          </p>
        )
      }
    >
      <TextArea
        {...form.field('origins')}
        label={ORIGINS_LABEL}
        optional
        hint={`One per line, each an origin only: https://, the host, and a port if it is not 443 (e.g. https://ehr.clinic.example). At most ${MAX_FRAME_ANCESTORS}. Empty: no site may embed Onset.`}
        value={text}
        onChange={(value) => {
          setText(value);
          setSaved(null);
        }}
      />
    </RecordForm>
  );
}
