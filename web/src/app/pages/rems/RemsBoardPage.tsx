import type { JSX } from 'react';
import { DataTable, type Column } from '../../components/DataTable.js';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { date, dateTime } from '../../format.js';
import { useSession } from '../../session.js';
import type { RemsBoard, RemsBoardItem } from '../../types.js';
import { useResource } from '../../use-resource.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The form's standing in words (never colour alone). */
export function formStandingText(item: Pick<RemsBoardItem, 'status' | 'daysLeft' | 'submittedAt'>): string {
  switch (item.status) {
    case 'submitted':
      return `Submitted ${dateTime(item.submittedAt)}`;
    case 'overdue':
      return `Overdue by ${plural(-item.daysLeft, 'day')}`;
    case 'due-soon':
    case 'due':
      return item.daysLeft === 0 ? 'Due today' : `Due in ${plural(item.daysLeft, 'day')}`;
  }
}

const columns = (timeZone: string | undefined): Column<RemsBoardItem>[] => [
  {
    header: 'Patient',
    cell: (i) => <Link to={`/rems/doses/${i.doseId}`}>{i.patientLabel}</Link>,
    csv: (i) => i.patientLabel,
  },
  { header: 'Dose given', cell: (i) => dateTime(i.givenAt, timeZone), csv: (i) => i.givenAt },
  { header: 'mg', cell: (i) => String(i.mg), csv: (i) => i.mg, numeric: true },
  { header: 'Form due by', cell: (i) => date(`${i.dueDate}T12:00:00Z`), csv: (i) => i.dueDate },
  { header: 'Standing', cell: (i) => formStandingText(i) },
];

const GROUPS: { key: keyof RemsBoard; title: string; empty: string }[] = [
  { key: 'overdue', title: 'Overdue: past the 7-day window', empty: 'No overdue forms.' },
  { key: 'dueSoon', title: 'Due within 2 days', empty: 'No forms due within 2 days.' },
  { key: 'due', title: 'Due', empty: 'No other forms due.' },
  { key: 'submitted', title: 'Submitted in the last 30 days', empty: 'No forms submitted in the last 30 days.' },
];

/** The REMS board: every esketamine session's Patient Monitoring Form by its standing. */
export default function RemsBoardPage(): JSX.Element {
  const board = useResource<RemsBoard>('/api/v1/rems/board');
  const timeZone = useSession().clinic?.timeZone;
  return (
    <>
      <PageHeading title="REMS Patient Monitoring Forms" />
      <p className="lede">
        The SPRAVATO REMS asks for a Patient Monitoring Form after every esketamine session, submitted within 7 days.
        Onset fills the form from the session record and records when it was submitted; sending it to the REMS program
        stays the clinic&apos;s step.
      </p>
      {board.error !== null ? <ErrorPanel problem={board.error} retry={board.reload} /> : null}
      {board.data === null ? (
        board.error === null ? (
          <Loading what="the REMS forms" />
        ) : null
      ) : (
        GROUPS.map((group) => {
          const items = board.data?.[group.key] ?? [];
          return (
            <section key={group.key} aria-labelledby={`rems-${group.key}-title`}>
              <h2 id={`rems-${group.key}-title`}>
                {group.title} ({items.length})
              </h2>
              {items.length === 0 ? (
                <p className="empty">{group.empty}</p>
              ) : (
                <DataTable
                  caption={group.title}
                  captionHidden
                  columns={columns(timeZone)}
                  rows={items}
                  rowKey={(i) => i.sessionId}
                  filename={`rems-forms-${group.key}.csv`}
                />
              )}
            </section>
          );
        })
      )}
    </>
  );
}
