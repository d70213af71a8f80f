/** A decision workflow tab (book 11.5): its URL slug, title, book section and scene body. */
import type { SceneObject } from '@grafana/scenes';

export interface WorkflowTab {
  slug: string;
  title: string;
  section: string;
  /** What the workflow decides, in the book's words (appendix table A.6). */
  purpose: string;
  build: () => SceneObject;
}
