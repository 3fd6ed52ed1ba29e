import { useEffect, useMemo, type JSX } from 'react';
import { api } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { dateTime } from '../../format.js';
import type { RemsForm, RemsSession } from '../../types.js';
import { useResource } from '../../use-resource.js';

/** A blob: URL for the base64 PDF, revoked when it changes. */
function usePdfUrl(base64: string | null): string | null {
  const url = useMemo(() => {
    if (base64 === null) return null;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  }, [base64]);
  useEffect(() => () => (url === null ? undefined : URL.revokeObjectURL(url)), [url]);
  return url;
}

/**
 * The Patient Monitoring Form as Onset fills it: what is still missing (each linking to its box), every
 * value to check, the DRAFT PDF, and the one submission, which records who and when.
 */
export function RemsFormPanel(props: { session: RemsSession; onSubmitted: () => void }): JSX.Element {
  const form = useResource<RemsForm>(`/api/v1/rems-sessions/${props.session.id}/form`);
  const submit = useForm('rems');
  const pdf = usePdfUrl(form.data?.pdf ?? null);
  if (form.error !== null) return <ErrorPanel problem={form.error} retry={form.reload} />;
  if (form.data === null) return <Loading what="the form" />;
  const data = form.data;
  const submitted = data.status === 'submitted';
  return (
    <RecordForm
      form={submit}
      title="Patient Monitoring Form"
      level={2}
      intro={
        submitted ? (
          <p data-testid="rems-form-status">
            Submitted {dateTime(data.submittedAt)} by {data.submittedBy}. Onset stores this PDF (SHA-256{' '}
            <code>{data.sha256.slice(0, 12)}…</code>); send it to the SPRAVATO REMS if the clinic has not yet.
          </p>
        ) : (
          <p data-testid="rems-form-status">
            Draft: not submitted. Check every value below and in the PDF, then submit; Onset records who submitted it
            and when. A form is submitted once.
          </p>
        )
      }
      onSubmit={async () => {
        const result = await submit.run({}, () =>
          api.post<RemsForm>(`/api/v1/rems-sessions/${props.session.id}/form/submit`),
        );
        if (result.ok) props.onSubmitted();
      }}
      actions={
        submitted ? null : (
          <div className="actions">
            <button type="submit" className="button" disabled={submit.busy}>
              Submit the form
            </button>
          </div>
        )
      }
    >
      {!submitted && data.missing.length > 0 ? (
        <div className="rems-missing">
          <h3>Still to fill in ({data.missing.length})</h3>
          <ul>
            {data.missing.map((m) => (
              <li key={m.field}>
                <a href={`#rems-${m.field}`}>
                  {m.field}: {m.reason}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <table className="table">
        <caption>The form&apos;s fields as Onset fills them</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {data.fields.map((f) => (
            <tr key={f.name}>
              <th scope="row">{f.label}</th>
              <td>{f.value === '' ? '—' : f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pdf === null ? null : (
        <p>
          <a href={pdf} download={`patient-monitoring-form-${submitted ? 'submitted' : 'draft'}.pdf`}>
            Download the PDF{submitted ? '' : ' (DRAFT)'}
          </a>
        </p>
      )}
    </RecordForm>
  );
}
