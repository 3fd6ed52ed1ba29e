// The shape GET /api/v1/evidence answers with (evidenceView()); the published late-responder figures
// are declared field by field (src/evidence/keep-going.ts), the older sections as they are.
import { Type } from '@sinclair/typebox';

const LateResponseFigureSchema = Type.Object({
  key: Type.String(),
  figure: Type.String({ description: 'the figure as the source states it' }),
  definition: Type.String({ description: 'the response definition and the time point' }),
  n: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'participants the figure rests on; null where the source gives none',
  }),
  nNote: Type.String(),
  population: Type.String(),
  drugRoute: Type.String(),
  depressionNotAnxiety: Type.Boolean(),
  citation: Type.String(),
  doi: Type.String(),
  pmid: Type.String(),
  checked: Type.String({ description: 'what was checked, and where' }),
});

export const EvidenceViewSchema = Type.Object({
  studies: Type.Array(Type.Unknown()),
  notes: Type.Array(Type.String()),
  timeCourse: Type.Array(Type.Unknown()),
  costAndFrequency: Type.Unknown(),
  mechanism: Type.Unknown(),
  citedAs: Type.Record(Type.String(), Type.String(), {
    description: 'each study and reference by its authors and year ("Hull et al. 2022"), by key',
  }),
  lateResponse: Type.Object(
    { caveat: Type.String(), figures: Type.Array(LateResponseFigureSchema) },
    {
      description:
        'published late-responder figures shown beside the clinic\'s "keep going?" (docs/outcomes.md "Keep going?")',
    },
  ),
});
