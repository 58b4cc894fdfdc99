import type { Labels } from '../profiles/taxonomy-types';

/** One statement the entrepreneur rates on the scale; a low answer points at `need`. */
export interface AssessmentQuestion {
  /** Stable id, `[a-z0-9_]+`, unique within the questionnaire (answers are stored by it). */
  id: string;
  /** The expertise sub-area (or area) code a low answer proposes as a need. */
  need: string;
  text: Labels;
}

export interface AssessmentArea {
  /** An expertise area code (top level of the expertise taxonomy). */
  area: string;
  /** One plain sentence shown when this area is among the weakest: why it matters, what a mentor can help with. */
  weakness: Labels;
  /** 3 to 5 questions. */
  questions: AssessmentQuestion[];
}

export interface Questionnaire {
  /** The answer scale, lowest first (5 points), each with a plain-language anchor. */
  scale: Labels[];
  /** At least 8 areas. */
  areas: AssessmentArea[];
}
