import { useState, type JSX } from 'react';
import { api } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { Empty, ErrorPanel, Loading } from '../../components/Status.js';
import { TextArea, TextField } from '../../components/fields.js';
import { useInstruments } from '../../instruments.js';
import { itemWords } from '../../schedule-words.js';
import { useResource } from '../../use-resource.js';
import type { Schedule } from '../../../../../src/schedules/schedule.schema.js';

interface Template {
  id: string;
  name: string;
  schedule: Schedule;
  rationale: string | null;
  origin: 'ready-made' | 'clinic';
  replacesReadyMade: boolean;
}

const LABELS = { name: 'Name', rationale: 'Why these moments', items: 'Questionnaires and when' };

function originWords(t: Template): string {
  if (t.origin === 'ready-made') return 'Ready-made';
  return t.replacesReadyMade ? 'Ready-made, edited by the clinic' : 'The clinic’s own';
}

/** The measurement schedules clinicians pick for a course: listed in words, each editable. */
export function SchedulesSection(): JSX.Element {
  const { data, error, loading, reload } = useResource<{ items: Template[] }>('/api/v1/schedule-templates');
  const instruments = useInstruments();
  const [editing, setEditing] = useState<string | null>(null);
  const template = data?.items.find((t) => t.id === editing) ?? null;
  return (
    <>
      <section aria-labelledby="templates-title">
        <h2 id="templates-title">Schedule templates</h2>
        {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
        {loading && data === null ? <Loading what="the templates" /> : null}
        {data === null ? null : data.items.length === 0 ? (
          <Empty>No schedule templates.</Empty>
        ) : (
          <ul className="link-list">
            {data.items.map((t) => (
              <li key={t.id} className="link-item template-item">
                <div>
                  <h3 className="heading-sub">{t.name}</h3>
                  <p className="muted">{originWords(t)}</p>
                  <ul>
                    {t.schedule.items.map((item, i) => (
                      <li key={i}>{itemWords(item, instruments)}</li>
                    ))}
                  </ul>
                </div>
                <button type="button" className="button button-secondary button-small" onClick={() => setEditing(t.id)}>
                  Edit<span className="visually-hidden"> {t.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {template === null ? null : (
        <TemplateForm
          key={template.id}
          template={template}
          onDone={() => {
            setEditing(null);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  );
}

function TemplateForm({
  template,
  onDone,
  onCancel,
}: {
  template: Template;
  onDone: () => void;
  onCancel: () => void;
}): JSX.Element {
  const [name, setName] = useState(template.name);
  const [rationale, setRationale] = useState(template.rationale ?? '');
  const [items, setItems] = useState(JSON.stringify(template.schedule.items, null, 2));
  const form = useForm('template', LABELS);
  const submit = async (): Promise<void> => {
    let parsed: unknown = null;
    let itemsError: string | undefined;
    try {
      parsed = JSON.parse(items);
    } catch (error) {
      itemsError = `${LABELS.items}: must be a list written as JSON (${error instanceof Error ? error.message : 'it could not be read'})`;
    }
    const result = await form.run(
      { name: name.trim() === '' ? 'Enter a name for the template' : undefined, items: itemsError },
      () =>
        api.put(`/api/v1/schedule-templates/${template.id}`, {
          name: name.trim(),
          items: parsed,
          ...(rationale.trim() === '' ? {} : { rationale: rationale.trim() }),
        }),
    );
    if (result.ok) onDone();
  };
  return (
    <RecordForm
      form={form}
      className="panel"
      level={2}
      title={`Edit “${template.name}”`}
      intro={
        <p className="muted">
          {template.origin === 'ready-made'
            ? 'Saving makes the clinic’s own version, which replaces the ready-made one for new and existing courses on it.'
            : 'Courses on this template are re-planned with the change.'}
        </p>
      }
      onSubmit={submit}
      submit="Save the template"
      onCancel={onCancel}
    >
      <TextField {...form.field('name')} label={LABELS.name} value={name} onChange={setName} />
      <TextArea
        {...form.field('rationale')}
        label={LABELS.rationale}
        optional
        hint="For the clinicians who pick it."
        value={rationale}
        onChange={setRationale}
      />
      <TextArea
        {...form.field('items')}
        label={LABELS.items}
        hint='A list of items as JSON, as in a course schedule: {"kind": "baseline" | "pre-dose", "instruments": [...]}, {"kind": "after-dose", "instruments": [...], "offsetsHours": [4, 24]}, or {"kind": "calendar", "instruments": [...], "everyDays": 14, "atLocalTime": "09:00", "from": "course-start" | "maintenance"}.'
        value={items}
        onChange={setItems}
        className="field-code"
      />
    </RecordForm>
  );
}
