import '../base.css';
import './patient.css';
import { linkInfo, linkStatus, progress } from './api.js';
import { h, show } from './dom.js';
import { showLinkProblem, showUnreachable } from './link-pages.js';
import { showProgress } from './progress.js';
import { startQuestionnaire } from './questionnaire.js';

/**
 * The patient page. The link token sits in the URL fragment (`/p/#<token>`), which browsers never send
 * to the server, so it stays out of server logs; the page sends it in the X-Onset-Link header.
 */
async function start(): Promise<void> {
  const token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (token === '') {
    showLinkProblem('unknown');
    return;
  }
  const status = await linkStatus(token);
  if (!status.ok) {
    showUnreachable(status.problem.detail, () => void start());
    return;
  }
  if (status.data.state !== 'valid') {
    showLinkProblem(status.data.state);
    return;
  }
  const info = await linkInfo(token);
  if (!info.ok) {
    showUnreachable(info.problem.detail, () => void start());
    return;
  }
  if (info.data.purpose === 'progress') {
    const view = await progress(token);
    if (view.ok) showProgress(info.data.clinicName, view.data);
    else showUnreachable(view.problem.detail, () => void start());
    return;
  }
  if (info.data.questionnaire === null) {
    show(
      'Nothing to fill in',
      h('h1', {}, 'There is nothing to fill in'),
      h('p', {}, 'This link has no questionnaire. Ask your care team to send you a new link.'),
    );
    return;
  }
  startQuestionnaire(token, info.data, info.data.questionnaire);
}

// Opening another link in the same tab changes only the fragment, which does not reload the page:
// start again for the new link, with nothing left over from the old one.
window.addEventListener('hashchange', () => {
  location.reload();
});

void start();
