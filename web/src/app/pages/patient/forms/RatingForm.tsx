import { useState, type JSX } from 'react';
import { getInstrument, isInstrumentId } from '../../../../../../src/instruments/registry.js';
import { askedIndexes, answersToSend } from '../../../../patient/skip-logic.js';
import { api } from '../../../api.js';
import { RecordForm, useForm } from '../../../components/Form.js';
import { SelectField, TextField } from '../../../components/fields.js';
import { fromLocalInput, toLocalInput } from '../../../format.js';
import { useInstruments } from '../../../instruments.js';
import { ratingItems, type RatingItem } from '../../../rating-items.js';
import type { Assessment, Course, Instrument, Patient } from '../../../types.js';
import { checkChoice, checkDateTime, collect, type Checked } from '../../../validate.js';

/** "Item 3" for a form without its licensed wording, else "3. Insomnia — difficulty in falling asleep…". */
function itemLegend(item: RatingItem, withText: boolean): string {
  return withText ? `${item.linkId}. ${item.text}` : `Item ${item.linkId}`;
}

/**
 * Enters a completed clinician-rated questionnaire (HAM-A, Y-BOCS, LSAS, CADSS-6, the C-SSRS screener):
 * the instrument, when it was completed, and each asked item's answer. Without the licensed item text the
 * form asks by item number and value, for scores read off a licensed form. Saved as source 'clinician'
 * (POST /api/v1/assessments), which scores it.
 */
export function RatingForm({
  patient,
  courses,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  courses: readonly Course[];
  onSaved: (assessment: Assessment, instrument: Instrument | undefined) => void;
  onCancel: () => void;
}): JSX.Element {
  const rated = useInstruments().filter((i) => i.rater === 'clinician' && isInstrumentId(i.id));
  const [instrument, setInstrument] = useState('');
  const [completedAt, setCompletedAt] = useState(toLocalInput(new Date()));
  const current = courses[courses.length - 1];
  const [courseId, setCourseId] = useState(current?.id ?? '');
  const [answers, setAnswers] = useState<(number | null)[]>([]);
  const chosen = rated.find((i) => i.id === instrument);
  const items = chosen === undefined ? [] : ratingItems(getInstrument(chosen.id));
  const withText = chosen?.itemText !== false;
  const asked = askedIndexes(items, answers);
  const labels = Object.fromEntries([
    ['instrument', 'Questionnaire'],
    ['completedAt', 'Completed at'],
    ['courseId', 'Course'],
    ...items.map((item) => [`answers.${item.linkId}`, itemLegend(item, false)]),
  ]) as Record<string, string>;
  const form = useForm('rating', labels);

  const choose = (id: string): void => {
    setInstrument(id);
    setAnswers([]);
  };
  const answer = (index: number, value: number): void =>
    setAnswers((list) => items.map((_, i) => (i === index ? value : (list[i] ?? null))));

  const submit = async (): Promise<void> => {
    const itemChecks: Record<string, Checked<unknown>> = Object.fromEntries(
      asked.map((index) => {
        const item = items[index];
        const value = answers[index];
        const check: Checked<unknown> =
          value === null || value === undefined
            ? { ok: false, error: `Choose an answer for item ${item?.linkId ?? index + 1}` }
            : { ok: true, value };
        return [`answers.${item?.linkId ?? String(index + 1)}`, check];
      }),
    );
    const checked = collect({
      instrument: checkChoice(instrument, 'the questionnaire'),
      completedAt: checkDateTime(fromLocalInput(completedAt), 'Enter when the questionnaire was completed'),
      ...itemChecks,
    });
    if (!checked.ok) {
      form.check(checked.errors);
      return;
    }
    const sent = answersToSend(items, answers);
    const result = await form.run({}, () =>
      api.post<Assessment>('/api/v1/assessments', {
        patientId: patient.id,
        courseId: courseId === '' ? null : courseId,
        instrument,
        completedAt: checked.values.completedAt,
        source: 'clinician',
        answers: Object.fromEntries(items.map((item, i) => [item.linkId, sent[i] ?? null])),
      }),
    );
    if (result.ok) onSaved(result.value, chosen);
  };

  return (
    <RecordForm
      form={form}
      title="Enter a clinician rating"
      intro={<p className="hint">A questionnaire the clinician rated, e.g. at an interview. It is scored on saving.</p>}
      onSubmit={submit}
      submit="Save rating"
      onCancel={onCancel}
    >
      <div className="form-grid">
        <SelectField
          {...form.field('instrument')}
          label="Questionnaire"
          value={instrument}
          onChange={choose}
          options={[
            { value: '', label: rated.length === 0 ? 'Loading the questionnaires…' : 'Choose…' },
            ...rated.map((i) => ({ value: i.id, label: `${i.shortName} – ${i.name}` })),
          ]}
        />
        <TextField
          {...form.field('completedAt')}
          label="Completed at"
          type="datetime-local"
          hint={`Your computer's time (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
          value={completedAt}
          onChange={setCompletedAt}
          width="medium"
        />
        {courses.length > 1 ? (
          <SelectField
            {...form.field('courseId')}
            label="Course"
            value={courseId}
            onChange={setCourseId}
            options={courses.map((c, i) => ({
              value: c.id,
              label: `Course ${i + 1}, from ${c.startedAt.slice(0, 10)} (${c.phase})`,
            }))}
          />
        ) : null}
      </div>
      {chosen === undefined ? (
        <p className="empty">Choose the questionnaire to see its items.</p>
      ) : (
        <>
          {withText ? null : (
            <p className="callout rating-no-text">
              The {chosen.shortName} item wording is licensed and not loaded, so the items show only their numbers and
              values. Enter the scores from a licensed form; to see the wording here, load the licensed item text for
              your clinic.
            </p>
          )}
          {items.some((item) => item.askedWhen.length > 0) ? (
            <p className="hint">Some items are asked only after a yes to an earlier one; they appear when asked.</p>
          ) : null}
          {asked.map((index) => {
            const item = items[index];
            if (item === undefined) return null;
            return (
              <AnswerGroup
                key={`${instrument}-${item.linkId}`}
                {...form.field(`answers.${item.linkId}`)}
                legend={itemLegend(item, withText)}
                options={item.options}
                value={answers[index] ?? null}
                onChange={(value) => answer(index, value)}
              />
            );
          })}
        </>
      )}
    </RecordForm>
  );
}

/** One item's answers as radio buttons in a fieldset; the first button carries the id the error summary focuses. */
function AnswerGroup(props: {
  id: string;
  error: string | undefined;
  legend: string;
  options: readonly { value: number; label: string }[];
  value: number | null;
  onChange: (value: number) => void;
}): JSX.Element {
  const numbersOnly = props.options.every((o) => o.label === String(o.value));
  return (
    <fieldset
      className={`field fieldset rating-item${props.error === undefined ? '' : ' field-error'}`}
      aria-describedby={props.error === undefined ? undefined : `${props.id}-error`}
    >
      <legend className="field-label">{props.legend}</legend>
      {props.error === undefined ? null : (
        <p className="error-message" id={`${props.id}-error`}>
          <span className="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      <div className="checkboxes">
        {props.options.map((option, i) => {
          const id = i === 0 ? props.id : `${props.id}-${i}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                type="radio"
                id={id}
                name={props.id}
                checked={props.value === option.value}
                onChange={() => props.onChange(option.value)}
              />
              <label htmlFor={id}>{numbersOnly ? option.label : `${option.value} – ${option.label}`}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
