import type { JSX } from 'react';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { dateTime } from '../../format.js';
import { useResource } from '../../use-resource.js';

interface Outbox {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
  lastSentAt: string | null;
}
interface MailStatus {
  configured: boolean;
  sentence: string;
  questionnaires: Outbox;
  alerts: Outbox;
}

/** Whether this server sends e-mail, in a sentence, and the clinic's two outboxes in figures. */
export function MailSection(): JSX.Element {
  const { data, error, loading, reload } = useResource<MailStatus>('/api/v1/mail/status');
  if (error !== null) return <ErrorPanel problem={error} retry={reload} />;
  if (loading || data === null) return <Loading what="the e-mail status" />;
  const rows: [string, Outbox][] = [
    ['Questionnaire invitations and reminders (to patients)', data.questionnaires],
    ['Notices of urgent alerts (to clinicians; they name no patient)', data.alerts],
  ];
  return (
    <section aria-labelledby="mail-title">
      <h2 id="mail-title">E-mail</h2>
      <p className={data.configured ? undefined : 'callout'} data-testid="mail-sentence">
        {data.sentence}
      </p>
      {/* Focusable, so the figures can be scrolled from the keyboard on a narrow screen (the table holds no link). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mail-table-caption">
        <table className="table">
          <caption className="table-caption" id="mail-table-caption">
            This clinic’s e-mail, by what became of it
          </caption>
          <thead>
            <tr>
              <th scope="col">Messages</th>
              <th scope="col" className="numeric">
                Queued
              </th>
              <th scope="col" className="numeric">
                Being sent
              </th>
              <th scope="col" className="numeric">
                Sent
              </th>
              <th scope="col" className="numeric">
                Failed
              </th>
              <th scope="col" className="numeric">
                No longer needed
              </th>
              <th scope="col">Last sent</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, box]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="numeric">{box.queued}</td>
                <td className="numeric">{box.sending}</td>
                <td className="numeric">{box.sent}</td>
                <td className="numeric">{box.failed}</td>
                <td className="numeric">{box.cancelled}</td>
                <td>{box.lastSentAt === null ? 'Never' : dateTime(box.lastSentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Failed: the mail server refused the message for good, or it was tried too often. No longer needed: the
        questionnaire was answered or expired, or the alert was taken in hand, before it went. How to set up e-mail:
        docs/operations.md.
      </p>
    </section>
  );
}
