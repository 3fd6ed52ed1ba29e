import type { LinkState } from './api.js';
import { button, h, show } from './dom.js';

const HELP = 'Ask your care team to send you a new link.';

/** The page for a link that does not work, saying plainly why and what to do next. */
export function showLinkProblem(state: Exclude<LinkState, 'valid'>): void {
  switch (state) {
    case 'expired':
      show(
        'This link has expired',
        h('h1', {}, 'This link has expired'),
        h('p', {}, 'Links only work for a few days, to keep your answers private.'),
        h('p', {}, HELP),
      );
      return;
    case 'used':
      show(
        'You have already sent your answers',
        h('h1', {}, 'You have already sent your answers'),
        h('p', {}, 'Each link can only be used once. Your care team has your answers. Thank you.'),
        h('p', {}, 'If you want to tell them something else, contact your care team.'),
      );
      return;
    case 'revoked':
      show(
        'This link has been cancelled',
        h('h1', {}, 'This link has been cancelled'),
        h('p', {}, 'Your care team cancelled this link.'),
        h('p', {}, HELP),
      );
      return;
    case 'unknown':
      show(
        'We cannot find this link',
        h('h1', {}, 'We cannot find this link'),
        h('p', {}, 'Check that you opened the whole link from your message. Some apps cut long links short.'),
        h('p', {}, `If it still does not work, ${HELP.charAt(0).toLowerCase()}${HELP.slice(1)}`),
      );
      return;
  }
}

/** The page shown when the service cannot be reached; the person can try again. */
export function showUnreachable(detail: string, retry: () => void): void {
  show(
    'Sorry, there is a problem',
    h('h1', {}, 'Sorry, there is a problem'),
    h('p', {}, detail),
    button('Try again', retry),
  );
}
