import type { JSX } from 'react';
import { api } from '../../api.js';
import { Link } from '../../components/Link.js';
import { Empty, ErrorPanel, Loading } from '../../components/Status.js';
import { dateTime } from '../../format.js';
import { instrumentName, useInstruments } from '../../instruments.js';
import type { PatientLink } from '../../types.js';
import { useResource } from '../../use-resource.js';
import { ConfirmButton } from './Confirm.js';

type ActiveLink = PatientLink & { patientId: string; patientLabel: string };

/** Every patient link of the clinic that still works, soonest to expire first, each revocable. */
export function LinksSection(): JSX.Element {
  const { data, error, loading, reload } = useResource<{ items: ActiveLink[]; more: boolean }>('/api/v1/links');
  const instruments = useInstruments();
  const purpose = (link: ActiveLink): string =>
    link.purpose === 'questionnaire'
      ? `${instrumentName(instruments, link.instrument ?? '')} questionnaire`
      : 'Progress page';
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">Patient links that still work</h2>
      <p className="muted">
        A link opens one questionnaire (once) or the patient’s progress page, until it expires. Revoke one that went to
        the wrong person or is no longer wanted; links are sent from each patient’s page.
      </p>
      {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
      {loading && data === null ? <Loading what="the links" /> : null}
      {data === null ? null : data.items.length === 0 ? (
        <Empty>No patient link works now: none was sent, or all were used, revoked or have expired.</Empty>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Patient links that still work</caption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Opens</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Works until</th>
                  <th scope="col">
                    <span className="visually-hidden">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((link) => (
                  <tr key={link.id}>
                    <td>
                      <Link to={`/patients/${link.patientId}`}>{link.patientLabel}</Link>
                    </td>
                    <td>{purpose(link)}</td>
                    <td>{dateTime(link.createdAt)}</td>
                    <td>{dateTime(link.expiresAt)}</td>
                    <td>
                      <ConfirmButton
                        label="Revoke"
                        what={`${link.patientLabel}’s link to the ${purpose(link).toLowerCase()}`}
                        question="Revoke this link? It stops working at once, for anyone who has it."
                        yes="Yes, revoke it"
                        busyText="Revoking…"
                        action={() => api.post(`/api/v1/patients/${link.patientId}/links/${link.id}/revoke`)}
                        onDone={reload}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.more ? (
            <p className="muted">
              Only the {data.items.length} links to expire soonest are listed; revoke some or wait for them to expire to
              see the rest.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
