import type { JSX } from 'react';
import { DataTable, type Column } from '../../components/DataTable.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { date } from '../../format.js';
import type { BillingLine } from '../../types.js';
import { useResource } from '../../use-resource.js';

const COLUMNS: Column<BillingLine>[] = [
  { header: 'Date', cell: (l) => date(`${l.serviceDate}T12:00:00Z`), csv: (l) => l.serviceDate },
  { header: 'Code', cell: (l) => `${l.system} ${l.code}`, csv: (l) => l.code },
  { header: 'Units', cell: (l) => String(l.units), csv: (l) => l.units, numeric: true },
  { header: 'From', cell: (l) => l.basis },
  { header: 'Source (date)', cell: (l) => `${l.source} (${l.sourceDate})`, csv: (l) => l.source },
];

/** The patient's billing lines as Onset prepares them; Onset does not submit claims. */
export function BillingLines({ patientId, label }: { patientId: string; label: string }): JSX.Element {
  const lines = useResource<{ items: BillingLine[] }>(`/api/v1/patients/${patientId}/billing-lines`);
  return (
    <section aria-labelledby="billing-title">
      <h2 id="billing-title">Billing lines</h2>
      <p>
        Onset prepares these lines from the record; it does not submit claims. Check each against the visit and the
        payer before billing.
      </p>
      {lines.error !== null ? <ErrorPanel problem={lines.error} retry={lines.reload} /> : null}
      {lines.data === null ? (
        lines.error === null ? (
          <Loading what="the billing lines" />
        ) : null
      ) : lines.data.items.length === 0 ? (
        <p className="empty">No billing lines: no esketamine dose or standardised questionnaire recorded.</p>
      ) : (
        <DataTable
          caption="Billing lines, oldest first"
          captionHidden
          columns={COLUMNS}
          rows={lines.data.items}
          rowKey={(l) => `${l.serviceDate}:${l.code}:${l.basis}`}
          filename={`billing-lines-${label}.csv`}
        />
      )}
    </section>
  );
}
