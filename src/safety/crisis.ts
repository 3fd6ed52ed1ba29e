import type { Assessment } from '../assessments/assessment.schema.js';

/**
 * Shown to a patient at once, before anything else, after an answer that suggests thoughts of self-harm
 * (shown at once, before anything else). The text is a clinic setting (`crisisMessage`); this default names the local
 * emergency number and the US 988 Suicide & Crisis Lifeline.
 */
export const DEFAULT_CRISIS_MESSAGE =
  'If you are thinking about hurting yourself, or you feel unsafe right now, please get help now. ' +
  'Call your local emergency number (911 in the United States). In the United States you can also call or text 988, ' +
  'the Suicide & Crisis Lifeline, at any time of day or night. Your care team has been told about your answers.';

/**
 * Flags that mean the crisis message must be shown: PHQ-9 item 9 above 0 (Kroenke 2001); C-SSRS moderate or high risk
 * (Posner 2011).
 */
const CRISIS_FLAGS = new Set(['suicidality-item-positive', 'risk-moderate', 'risk-high']);

export function needsCrisisMessage(assessment: Pick<Assessment, 'flags'>): boolean {
  return assessment.flags.some((flag) => CRISIS_FLAGS.has(flag));
}

export function crisisMessage(settings: Record<string, unknown>): string {
  const custom = settings.crisisMessage;
  return typeof custom === 'string' && custom.trim() !== '' ? custom : DEFAULT_CRISIS_MESSAGE;
}
