/** The built-in instruments, by id, in the order Onset lists them. */
import { OnsetError } from '../shared/errors.js';
import { anxietyVas } from './definitions/anxiety-vas.js';
import { cadss6 } from './definitions/cadss6.js';
import { craving } from './definitions/craving.js';
import { cssrs } from './definitions/cssrs.js';
import { gad7 } from './definitions/gad7.js';
import { hama } from './definitions/hama.js';
import { lsas } from './definitions/lsas.js';
import { minispin } from './definitions/minispin.js';
import { ocir } from './definitions/ocir.js';
import { pcl5 } from './definitions/pcl5.js';
import { phq9 } from './definitions/phq9.js';
import { urinary } from './definitions/urinary.js';
import { ybocs } from './definitions/ybocs.js';
import { INSTRUMENT_IDS, type InstrumentDefinition, type InstrumentId } from './types.js';

const BUILT_IN: Readonly<Record<InstrumentId, InstrumentDefinition>> = {
  gad7,
  phq9,
  pcl5,
  hama,
  ocir,
  ybocs,
  lsas,
  minispin,
  cadss6,
  cssrs,
  urinary,
  craving,
  'anxiety-vas': anxietyVas,
};

/** True when `id` names a built-in instrument. */
export function isInstrumentId(id: unknown): id is InstrumentId {
  return typeof id === 'string' && (INSTRUMENT_IDS as readonly string[]).includes(id);
}

/** Every built-in instrument definition, in display order. */
export function listInstruments(): readonly InstrumentDefinition[] {
  return INSTRUMENT_IDS.map((id) => BUILT_IN[id]);
}

/** The built-in definition for `id`; a NOT_FOUND OnsetError naming the id and the known ids otherwise. */
export function getInstrument(id: string): InstrumentDefinition {
  if (!isInstrumentId(id)) {
    throw new OnsetError(
      'NOT_FOUND',
      `instrument "${id}" was not found; known instruments: ${INSTRUMENT_IDS.join(', ')}`,
      [{ field: 'instrument', reason: `unknown instrument "${id}"; known: ${INSTRUMENT_IDS.join(', ')}` }],
    );
  }
  return BUILT_IN[id];
}
