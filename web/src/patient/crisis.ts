import { h } from './dom.js';

/**
 * The crisis panel, shown first on the page after an answer that suggests thoughts of self-harm
 * (shown at once, before anything else). The message is the clinic's setting; where it names the US 988 Lifeline, the
 * number is also offered as call and text links a phone can open directly.
 */
export function crisisPanel(message: string): HTMLElement {
  const actions = /\b988\b/.test(message)
    ? h(
        'p',
        { class: 'crisis-actions' },
        h('a', { class: 'button button-crisis', href: 'tel:988' }, 'Call 988'),
        ' ',
        h('a', { class: 'button button-crisis', href: 'sms:988' }, 'Text 988'),
      )
    : null;
  return h(
    'section',
    { class: 'crisis', 'aria-labelledby': 'crisis-title' },
    h('h1', { id: 'crisis-title', 'data-focus': true }, 'Help is available right now'),
    h('p', { class: 'crisis-message' }, message),
    actions,
  );
}
