import QRCode from 'qrcode';
import { useEffect, useRef, useState, type JSX } from 'react';
import { api } from '../../../api.js';
import { RecordForm, useForm } from '../../../components/Form.js';
import { SelectField } from '../../../components/fields.js';
import { dateTime } from '../../../format.js';
import { useInstruments } from '../../../instruments.js';
import type { Patient, PatientLinkView } from '../../../types.js';

const EXPIRY = [
  { value: '24', label: '1 day' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
  { value: '336', label: '14 days' },
];

/**
 * Issues a patient link (a questionnaire, used once, or the patient's own progress page) and shows it as
 * a copyable URL and a QR code. The token goes in the URL fragment, which browsers never send to servers.
 */
export function LinkIssuer({
  patient,
  onIssued,
  onCancel,
}: {
  patient: Patient;
  onIssued: () => void;
  onCancel: () => void;
}): JSX.Element {
  const patientRated = useInstruments().filter((i) => i.rater !== 'clinician');
  // Without its item text a questionnaire would reach the patient as "Item 1" and bare numbers.
  const instruments = patientRated.filter((i) => i.itemText !== false);
  const withoutText = patientRated.filter((i) => i.itemText === false);
  const [purpose, setPurpose] = useState('questionnaire');
  const [instrument, setInstrument] = useState('gad7');
  const [hours, setHours] = useState('168');
  const [issued, setIssued] = useState<{ url: string; expiresAt: string; what: string } | null>(null);
  const form = useForm('link');

  const submit = async (): Promise<void> => {
    const result = await form.run({}, () =>
      api.post<PatientLinkView>(`/api/v1/patients/${patient.id}/links`, {
        purpose,
        ...(purpose === 'questionnaire' ? { instrument } : {}),
        expiresInHours: Number(hours),
      }),
    );
    if (!result.ok) return;
    const what =
      purpose === 'questionnaire'
        ? `${instruments.find((i) => i.id === instrument)?.shortName ?? instrument} questionnaire`
        : 'progress page';
    setIssued({ url: `${location.origin}/p/#${result.value.token}`, expiresAt: result.value.link.expiresAt, what });
    onIssued();
  };

  if (issued !== null) return <IssuedLink {...issued} onDone={onCancel} />;
  return (
    <RecordForm
      form={form}
      title="Send the patient a link"
      onSubmit={submit}
      submit="Create link"
      busyText="Creating…"
      onCancel={onCancel}
    >
      <p className="hint link-mail">
        {patient.email === null
          ? 'This patient has no e-mail address, so scheduled questionnaires cannot be e-mailed to them; add one under “Contact details”. Give them this link yourself.'
          : `Give the patient this link yourself; Onset does not e-mail it. Scheduled questionnaires are e-mailed to ${patient.email} when they fall due, if the clinic sends e-mail.`}
      </p>
      <div className="form-grid">
        <SelectField
          {...form.field('purpose')}
          label="The link opens"
          value={purpose}
          onChange={setPurpose}
          options={[
            { value: 'questionnaire', label: 'a questionnaire (can be used once)' },
            { value: 'progress', label: 'their progress page' },
          ]}
        />
        {purpose === 'questionnaire' ? (
          <SelectField
            {...form.field('instrument')}
            label="Questionnaire"
            value={instrument}
            onChange={setInstrument}
            options={
              instruments.length === 0
                ? [{ value: 'gad7', label: 'GAD-7' }]
                : instruments.map((i) => ({ value: i.id, label: `${i.shortName} – ${i.name}` }))
            }
            hint={withoutText.length === 0 ? undefined : <WithoutText names={withoutText.map((i) => i.shortName)} />}
          />
        ) : null}
        <SelectField
          {...form.field('expiresInHours')}
          label="Works for"
          value={hours}
          onChange={setHours}
          options={EXPIRY}
        />
      </div>
    </RecordForm>
  );
}

function WithoutText({ names }: { names: string[] }): JSX.Element {
  return (
    <span>
      Not offered: {names.join(', ')}. Their item text is licensed and not loaded, so the patient would see only item
      numbers. Load the licensed item text for your clinic to send them, or enter the scores from a licensed form.
    </span>
  );
}

function IssuedLink({
  url,
  expiresAt,
  what,
  onDone,
}: {
  url: string;
  expiresAt: string;
  what: string;
  onDone: () => void;
}): JSX.Element {
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    let current = true;
    // An SVG string shown through <img src="data:…">: no inline SVG styles reach the page (CSP style-src 'self').
    void QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((svg) => {
      if (current) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [url]);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      (document.getElementById('issued-url') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <section className="record-form issued-link" aria-labelledby="issued-title">
      <h3 id="issued-title" tabIndex={-1} ref={heading}>
        Link to the {what} created
      </h3>
      <p>
        Send it only to the patient: anyone with the link can open the {what}. It works until {dateTime(expiresAt)}.
      </p>
      <label className="field-label" htmlFor="issued-url">
        Patient link
      </label>
      <div className="copy-row">
        <input
          id="issued-url"
          className="input input-long"
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p role="status" className="hint">
        {copied ? 'Copied to the clipboard.' : ''}
      </p>
      {qr === null ? null : (
        <img
          className="qr"
          src={qr}
          width={200}
          height={200}
          alt={`QR code that opens the patient link to the ${what}`}
        />
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
