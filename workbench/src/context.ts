// What the page gives the plan editor (workbench/src/plan-editor.ts): the plan on show, the language, the error banner.
import type { Lang, Plan } from 'yuqing-playbook';

export type { Lang };

/** The plan the page shows, as the plan editor sees it. */
export interface CurrentPlan {
  /** The plan's id (a bundled id, or the id a plan file declares). */
  id: string;
  /** The plan file as parsed JSON (a bundled plan's rules file, or the opened file). */
  definition: unknown;
  /** The loaded plan. */
  plan: Plan;
  /** The layer files opened with it, parsed (empty for none). */
  layers: unknown[];
  /** The plan's scenario file, parsed; null when there is none (a plan opened from a file). */
  scenarios: unknown | null;
  /** A file name for downloads, e.g. "city-drill.json". */
  fileName: string;
}

/** The page's side of the plan editor's contract (SPEC16). */
export interface PlanEditorContext {
  current(): CurrentPlan;
  lang(): Lang;
  showError(error: unknown): void;
}
