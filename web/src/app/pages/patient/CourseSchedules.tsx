import { useEffect, useRef, useState, type JSX } from 'react';
import type { Schedule } from '../../../../../src/schedules/schedule.schema.js';
import { api, query } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { SelectField } from '../../components/fields.js';
import { Empty, ErrorPanel, Loading } from '../../components/Status.js';
import { date, dateTime } from '../../format.js';
import { instrumentName, useInstruments } from '../../instruments.js';
import { changeWords, itemWords } from '../../schedule-words.js';
import type { Course, Instrument } from '../../types.js';
import { useResource } from '../../use-resource.js';

interface Template {
  id: string;
  name: string;
  schedule: Schedule;
}

interface CourseSchedule {
  courseId: string;
  templateId: string | null;
  schedule: Schedule;
}

interface DueItem {
  id: string;
  courseId: string;
  instrument: string;
  dueAt: string;
  status: 'upcoming' | 'due' | 'overdue' | 'missed' | 'completed';
}

const STATUS_WORDS: Record<DueItem['status'], string> = {
  upcoming: 'upcoming',
  due: 'due now',
  overdue: 'overdue',
  missed: 'missed',
  completed: 'completed',
};

/**
 * Each course's measurement schedule in words (GET /api/v1/courses/:id/schedule), what is due or was missed
 * (GET /api/v1/due-assessments), and the choice of a template (PUT /api/v1/courses/:id/schedule), confirmed
 * with what it changes.
 */
export function CourseSchedules({
  patientId,
  courses,
}: {
  patientId: string;
  courses: readonly Course[];
}): JSX.Element {
  const templates = useResource<{ items: Template[] }>('/api/v1/schedule-templates');
  const due = useResource<{ items: DueItem[] }>(
    `/api/v1/due-assessments${query({ patient: patientId, status: 'due,overdue,missed' })}`,
  );
  const instruments = useInstruments();
  if (courses.length === 0) return <Empty>No course yet — start a course to give it a measurement schedule.</Empty>;
  return (
    <>
      {due.error === null ? null : <ErrorPanel problem={due.error} retry={due.reload} />}
      {[...courses].reverse().map((course) => {
        const number = courses.indexOf(course) + 1;
        return (
          <CourseScheduleCard
            key={course.id}
            course={course}
            title={`Course ${number}, from ${date(course.startedAt)}`}
            templates={templates.data?.items ?? []}
            due={due.data === null ? null : due.data.items.filter((d) => d.courseId === course.id)}
            instruments={instruments}
            onChanged={due.reload}
          />
        );
      })}
    </>
  );
}

function CourseScheduleCard(props: {
  course: Course;
  title: string;
  templates: readonly Template[];
  due: DueItem[] | null;
  instruments: readonly Instrument[];
  onChanged: () => void;
}): JSX.Element {
  const { course, instruments } = props;
  const current = useResource<CourseSchedule>(`/api/v1/courses/${course.id}/schedule`);
  const none = current.error?.status === 404;
  const schedule = current.data;
  const headingId = `schedule-${course.id}-title`;
  return (
    <section className="course-schedule" aria-labelledby={headingId}>
      <h3 id={headingId}>{props.title}</h3>
      {current.loading && schedule === null ? <Loading what="the schedule" /> : null}
      {current.error !== null && !none ? <ErrorPanel problem={current.error} retry={current.reload} /> : null}
      {none ? <p className="empty">No measurement schedule yet — choose one below.</p> : null}
      {schedule === null ? null : (
        <div className="schedule-words">
          <p>
            Schedule: <strong>{schedule.schedule.name}</strong>
            {schedule.templateId === null ? ' (written for this course)' : null}
          </p>
          <ul>
            {schedule.schedule.items.map((item, i) => (
              <li key={i}>{itemWords(item, instruments)}</li>
            ))}
          </ul>
        </div>
      )}
      <h4>Due and missed</h4>
      {props.due === null ? (
        <Loading what="the due questionnaires" />
      ) : props.due.length === 0 ? (
        <p className="empty">Nothing due or missed.</p>
      ) : (
        <ul className="due-list">
          {props.due.map((d) => (
            <li key={d.id}>
              {instrumentName(instruments, d.instrument)}: {STATUS_WORDS[d.status]}, due {dateTime(d.dueAt)}
            </li>
          ))}
        </ul>
      )}
      <ScheduleChooser
        course={course}
        current={schedule}
        templates={props.templates}
        instruments={instruments}
        onSaved={() => {
          current.reload();
          props.onChanged();
        }}
      />
    </section>
  );
}

function ScheduleChooser(props: {
  course: Course;
  current: CourseSchedule | null;
  templates: readonly Template[];
  instruments: readonly Instrument[];
  onSaved: () => void;
}): JSX.Element {
  const [templateId, setTemplateId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState('');
  const form = useForm(`schedule-${props.course.id}`, { templateId: 'Schedule' });
  const chosen = props.templates.find((t) => t.id === templateId);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const ask = (): void => {
    setSaved('');
    if (form.check({ templateId: chosen === undefined ? 'Choose a schedule' : undefined })) setConfirming(true);
  };
  const save = async (): Promise<void> => {
    setConfirming(false);
    const result = await form.run({}, () =>
      api.put<CourseSchedule>(`/api/v1/courses/${props.course.id}/schedule`, { templateId }),
    );
    if (result.ok) {
      setSaved(`Schedule set: ${result.value.schedule.name}.`);
      setTemplateId('');
      props.onSaved();
    }
  };
  const change =
    chosen === undefined ? null : changeWords(props.current?.schedule ?? null, chosen.schedule, props.instruments);
  const verb = props.current === null ? 'Choose' : 'Change';

  return (
    <RecordForm
      form={form}
      label={props.current === null ? 'Choose a schedule' : 'Change the schedule'}
      className="schedule-chooser"
      onSubmit={ask}
      actions={
        confirming && chosen !== undefined && change !== null ? (
          <div className="alert-close schedule-confirm" role="alert" tabIndex={-1} ref={confirmRef}>
            <p>
              {props.current === null
                ? `Give this course the schedule “${chosen.name}”?`
                : `Change this course's schedule from “${props.current.schedule.name}” to “${chosen.name}”?`}
            </p>
            {change.added.length === 0 ? null : (
              <>
                <p>Will be asked:</p>
                <ul>
                  {change.added.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </>
            )}
            {change.removed.length === 0 ? null : (
              <>
                <p>No longer asked:</p>
                <ul>
                  {change.removed.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </>
            )}
            {change.added.length === 0 && change.removed.length === 0 ? (
              <p>The questionnaires and their moments stay the same.</p>
            ) : null}
            <p>What is due is worked out again from the doses given; completed questionnaires stay as they are.</p>
            <div className="alert-actions">
              <button type="button" className="button" onClick={() => void save()}>
                {verb} the schedule
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                Keep {props.current === null ? 'no schedule' : 'the current one'}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={form.busy}>
              {form.busy ? 'Saving…' : props.current === null ? 'Use this schedule' : 'Change to this schedule'}
            </button>
          </div>
        )
      }
      footer={
        <p role="status" className="saved">
          {saved}
        </p>
      }
    >
      <SelectField
        {...form.field('templateId')}
        label="Schedule"
        value={templateId}
        onChange={(value) => {
          setTemplateId(value);
          setConfirming(false);
        }}
        options={[
          { value: '', label: props.templates.length === 0 ? 'No templates' : 'Choose…' },
          ...props.templates.map((t) => ({ value: t.id, label: t.name })),
        ]}
      />
    </RecordForm>
  );
}
