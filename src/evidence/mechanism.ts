import type { MechanismReference, MechanismStep } from './types.js';

/**
 * How ketamine is thought to work, in plain words, step by step. Most of this comes from animal work
 * and depression research; MECHANISM_CAVEAT says so wherever the steps are shown.
 */
export const MECHANISM_STEPS: readonly MechanismStep[] = [
  {
    label: 'NMDA receptor block',
    text: 'Ketamine blocks NMDA receptors, a kind of glutamate receptor. At low doses it blocks them most on the GABA interneurons that normally hold nearby nerve cells in check.',
    references: ['homayoun2007', 'zanos2018'],
  },
  {
    label: 'Less GABA inhibition',
    text: 'With those interneurons quieter, there is less GABA inhibition of the main (pyramidal) nerve cells of the prefrontal cortex: they are "disinhibited".',
    references: ['homayoun2007'],
  },
  {
    label: 'Glutamate surge',
    text: 'The disinhibited cells fire more and release a burst of glutamate in the prefrontal cortex.',
    references: ['moghaddam1997'],
  },
  {
    label: 'AMPA receptor activation',
    text: 'That glutamate acts on AMPA receptors, which are not blocked, and starts signalling (BDNF, mTOR) that is thought to strengthen synapses over the following hours.',
    references: ['moghaddam1997', 'zanos2018'],
  },
  {
    label: 'Noradrenaline and serotonin release',
    text: 'Release of noradrenaline and serotonin also rises, which may add to the change in mood and anxiety.',
    references: ['lodge2015'],
  },
  {
    label: 'Opioid-receptor activity',
    text: "Ketamine also acts at opioid receptors, with downstream dopamine and endorphin effects. In one small depression trial, blocking opioid receptors with naltrexone blunted ketamine's antidepressant effect; whether this matters for anxiety is not known.",
    references: ['lodge2015', 'williams2018'],
  },
];

/** Shown with the steps. */
export const MECHANISM_CAVEAT =
  'These are hypotheses, not settled facts. Most of the evidence comes from animal studies and from research on depression; how ketamine eases anxiety has not been established.';

/** DOIs and citations below were checked against the publishers' or PubMed's pages (abstracts, not full texts). */
export const MECHANISM_REFERENCES: readonly MechanismReference[] = [
  {
    key: 'homayoun2007',
    citation:
      'Homayoun H, Moghaddam B. NMDA receptor hypofunction produces opposite effects on prefrontal cortex interneurons and pyramidal neurons. J Neurosci 2007;27(43):11496–11500',
    doi: '10.1523/JNEUROSCI.2213-07.2007',
    checked: 'citation and DOI checked against PubMed; abstract read',
  },
  {
    key: 'moghaddam1997',
    citation:
      'Moghaddam B, Adams B, Verma A, Daly D. Activation of glutamatergic neurotransmission by ketamine: a novel step in the pathway from NMDA receptor blockade to dopaminergic and cognitive disruptions associated with the prefrontal cortex. J Neurosci 1997;17(8):2921–2927',
    doi: '10.1523/JNEUROSCI.17-08-02921.1997',
    checked: 'citation and DOI checked against the journal page; abstract read',
  },
  {
    key: 'zanos2018',
    citation:
      'Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol Psychiatry 2018;23(4):801–811',
    doi: '10.1038/mp.2017.255',
    checked: 'citation and DOI checked against the journal page; abstract read',
  },
  {
    key: 'lodge2015',
    citation:
      'Lodge D, Mercier MS. Ketamine and phencyclidine: the good, the bad and the unexpected. Br J Pharmacol 2015;172(17):4254–4276',
    doi: '10.1111/bph.13222',
    checked: 'citation and DOI checked against PubMed Central; abstract and target list read',
  },
  {
    key: 'williams2018',
    citation:
      'Williams NR, Heifets BD, Blasey C, et al. Attenuation of antidepressant effects of ketamine by opioid receptor antagonism. Am J Psychiatry 2018;175(12):1205–1215',
    doi: '10.1176/appi.ajp.2018.18020138',
    checked: 'DOI and abstract checked against the journal page; volume and pages not checked',
  },
];
