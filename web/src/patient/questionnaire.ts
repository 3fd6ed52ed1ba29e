import { submitAnswers, type LinkInfo, type FormItem } from './api.js';
import { crisisPanel } from './crisis.js';
import { button, h, show } from './dom.js';
import { answersToSend, askedIndexes, nextAsked } from './skip-logic.js';
import { questionCount, questionStem } from './text.js';

type Questionnaire = NonNullable<LinkInfo['questionnaire']>;

/** Where the person is: the start page, question i, or the check-your-answers page. */
type Step = { kind: 'start' } | { kind: 'question'; index: number } | { kind: 'check' };

interface Flow {
  token: string;
  clinicName: string;
  form: Questionnaire;
  stem: string | null;
  /** Kept in memory only: nothing is stored or sent until the person presses Send. */
  answers: (number | null)[];
  /** After "Change" on the check page, Continue goes back there. */
  returnToCheck: boolean;
  sent: boolean;
}

/** Runs the questionnaire: start page, one question per page, check your answers, send. */
export function startQuestionnaire(token: string, info: LinkInfo, form: Questionnaire): void {
  const flow: Flow = {
    token,
    clinicName: info.clinicName,
    form,
    stem: questionStem(form.intro),
    answers: form.items.map(() => null),
    returnToCheck: false,
    sent: false,
  };
  // The browser's Back button walks back through the pages, never into a sent questionnaire.
  window.addEventListener('popstate', (event) => {
    if (flow.sent) return;
    const step = (event.state as { step?: Step } | null)?.step ?? { kind: 'start' };
    render(flow, step);
  });
  history.replaceState({ step: { kind: 'start' } }, '');
  render(flow, { kind: 'start' });
}

function go(flow: Flow, step: Step): void {
  history.pushState({ step }, '');
  render(flow, step);
}

function render(flow: Flow, step: Step): void {
  switch (step.kind) {
    case 'start':
      renderStart(flow);
      return;
    case 'question':
      renderQuestion(flow, step.index, false);
      return;
    case 'check':
      renderCheck(flow, null);
      return;
  }
}

function renderStart(flow: Flow): void {
  const count = flow.form.items.length;
  show(
    `${flow.form.title} – your questionnaire`,
    h('span', { class: 'caption' }, flow.clinicName),
    h('h1', {}, `Your ${flow.form.title} questionnaire`),
    flow.stem === null ? null : h('p', {}, flow.stem),
    h('p', {}, `There ${count === 1 ? 'is 1 question' : `are ${count} questions`}. It usually takes a few minutes.`),
    h(
      'p',
      {},
      'Nothing is sent until you press “Send answers” at the end. You can go back and change any answer before then.',
    ),
    button(
      'Start now',
      () => {
        go(flow, { kind: 'question', index: 0 });
      },
      { class: 'button button-start' },
    ),
  );
}

function backLink(flow: Flow, index: number): HTMLButtonElement {
  return button(
    'Back',
    () => {
      history.back();
    },
    { class: 'back-link', 'aria-label': index === 0 ? 'Back to the start' : 'Back to the previous question' },
  );
}

function renderQuestion(flow: Flow, index: number, withError: boolean): void {
  const item = flow.form.items[index];
  if (item === undefined) return;
  const id = `q${index}`;
  const describedBy = [flow.stem === null ? '' : `${id}-hint`, withError ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const form = h(
    'form',
    { novalidate: true, class: withError ? 'form-group form-group-error' : 'form-group' },
    h(
      'fieldset',
      { class: 'fieldset', ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }) },
      h(
        'legend',
        { class: 'legend' },
        h('span', { class: 'caption' }, questionCount(index, flow.form.items.length)),
        h('h1', { class: 'legend-heading' }, item.text),
      ),
      flow.stem === null ? null : h('p', { class: 'hint', id: `${id}-hint` }, flow.stem),
      withError
        ? h(
            'p',
            { class: 'error-message', id: `${id}-error` },
            h('span', { class: 'visually-hidden' }, 'Error: '),
            'Choose an answer',
          )
        : null,
      radios(item, id, flow.answers[index] ?? null),
    ),
    h('button', { type: 'submit', class: 'button' }, 'Continue'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[type=radio]:checked');
    if (chosen === null) {
      renderQuestion(flow, index, true);
      return;
    }
    flow.answers[index] = Number(chosen.value);
    // The skip logic decides the next question. After "Change", back to the check page, unless the
    // new answer asks a question not yet answered (a yes that opens C-SSRS questions 3–5).
    const following = flow.returnToCheck ? firstUnanswered(flow) : nextAsked(flow.form.items, flow.answers, index);
    if (following === null) flow.returnToCheck = false;
    go(flow, following === null ? { kind: 'check' } : { kind: 'question', index: following });
  });
  show(
    `${withError ? 'Error: ' : ''}${questionCount(index, flow.form.items.length)} – ${flow.form.title}`,
    backLink(flow, index),
    withError ? errorSummary([{ href: `#${id}-0`, text: `Choose an answer to question ${index + 1}` }]) : null,
    form,
  );
}

function radios(item: FormItem, id: string, current: number | null): HTMLElement {
  return h(
    'div',
    { class: 'radios' },
    ...item.options.map((option, i) =>
      h(
        'div',
        { class: 'radio' },
        h('input', {
          class: 'radio-input',
          type: 'radio',
          id: `${id}-${i}`,
          name: id,
          value: String(option.value),
          checked: current === option.value,
        }),
        h('label', { class: 'radio-label', for: `${id}-${i}` }, option.label),
      ),
    ),
  );
}

/** GOV.UK error summary: focused, at the top, each problem a link to its field. */
function errorSummary(problems: { href: string; text: string }[]): HTMLElement {
  return h(
    'div',
    { class: 'error-summary', role: 'alert', 'data-focus': true, 'aria-labelledby': 'error-summary-title' },
    h('h2', { id: 'error-summary-title', class: 'error-summary-title' }, 'There is a problem'),
    h(
      'ul',
      { class: 'error-summary-list' },
      ...problems.map((p) => h('li', {}, p.href === '' ? p.text : fieldLink(p.href, p.text))),
    ),
  );
}

// The page's fragment holds the link token, so a link to a field must not change it: focus the field instead.
function fieldLink(href: string, text: string): HTMLAnchorElement {
  const link = h('a', { href }, text);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const field = document.getElementById(href.slice(1));
    field?.focus();
    field?.closest('fieldset')?.scrollIntoView();
  });
  return link;
}

/** The first question asked and not yet answered, or null. */
function firstUnanswered(flow: Flow): number | null {
  return askedIndexes(flow.form.items, flow.answers).find((i) => flow.answers[i] === null) ?? null;
}

function answerLabel(item: FormItem, value: number | null): string {
  return item.options.find((o) => o.value === value)?.label ?? 'Not answered';
}

function renderCheck(flow: Flow, problem: string | null): void {
  // Only the questions asked: one the skip logic left out is neither shown nor sent.
  const rows = askedIndexes(flow.form.items, flow.answers).map((index) => {
    const item = flow.form.items[index] as FormItem;
    return h(
      'div',
      { class: 'summary-row' },
      h('dt', { class: 'summary-key' }, item.text),
      h('dd', { class: 'summary-value' }, answerLabel(item, flow.answers[index] ?? null)),
      h(
        'dd',
        { class: 'summary-action' },
        button(
          'Change',
          () => {
            flow.returnToCheck = true;
            go(flow, { kind: 'question', index });
          },
          { class: 'link-button', 'aria-label': `Change your answer to: ${item.text}` },
        ),
      ),
    );
  });
  const send = button('Send answers', () => void submit(flow, send), { class: 'button' });
  show(
    `${problem === null ? '' : 'Error: '}Check your answers – ${flow.form.title}`,
    backLink(flow, 1),
    problem === null ? null : errorSummary([{ href: '', text: problem }]),
    h('h1', {}, 'Check your answers before sending'),
    h('dl', { class: 'summary-list' }, ...rows),
    h('h2', {}, 'Now send your answers'),
    h(
      'p',
      {},
      `When you press “Send answers”, your answers go to ${flow.clinicName}. You cannot change them after that.`,
    ),
    send,
  );
}

async function submit(flow: Flow, control: HTMLButtonElement): Promise<void> {
  const missing = firstUnanswered(flow);
  if (missing !== null) {
    flow.returnToCheck = true;
    go(flow, { kind: 'question', index: missing });
    return;
  }
  control.disabled = true;
  control.textContent = 'Sending…';
  const result = await submitAnswers(flow.token, answersToSend(flow.form.items, flow.answers));
  if (!result.ok) {
    renderCheck(flow, `Your answers were not sent: ${result.problem.detail}`);
    return;
  }
  flow.sent = true;
  history.replaceState({ sent: true }, '');
  const { crisis } = result.data;
  show(
    crisis === null ? 'Answers sent' : 'Help is available right now',
    // The crisis message comes first, before anything else.
    crisis === null ? null : crisisPanel(crisis.message),
    h(
      'div',
      { class: 'panel-confirmation' },
      crisis === null ? h('h1', {}, 'Your answers have been sent') : h('h2', {}, 'Your answers have been sent'),
      h('p', {}, `${flow.clinicName} has your answers. Thank you for taking the time.`),
    ),
    h('p', {}, 'You can close this page now.'),
  );
}
