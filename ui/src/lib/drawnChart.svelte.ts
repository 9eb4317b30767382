// A chart Rust draws for the window: the width its frame measured, the last drawing, and drawing it
// again when that width, the theme or what it shows changes.
import { untrack } from 'svelte';
import type { Look, Theme } from './bindings';
import { CHART_HEIGHT, EXPORT_SIZE } from './dashboard';
import { Loader } from './loader.svelte';

/** The props of a dashboard chart. */
export interface ChartProps {
  /** Bumped when the usage changed: the chart is drawn again. */
  version?: number;
  theme: Theme;
}

/** What ChartFrame reads of a drawn chart (and the width it measures for the next drawing). */
export interface ChartDrawing {
  width: number;
  readonly view: { svg: string } | null;
  readonly loader: Pick<Loader<unknown>, 'loading' | 'error' | 'load'>;
}

export class DrawnChart<V extends { svg: string }> implements ChartDrawing {
  /** The frame's width in pixels (bound to ChartFrame's); nothing is drawn while it is 0 (not measured yet). */
  width = $state(0);
  /** The last drawing and the data behind it; null before the first. */
  view = $state.raw<V | null>(null);
  readonly loader: Loader<V>;
  readonly #theme: () => Theme;

  /**
   * `draw` asks Rust for a drawing at a look. Create it while a component is set up: an effect draws
   * again when the width, `theme()` or `watch()` (what else the drawing depends on) changes.
   */
  constructor(draw: (look: Look) => Promise<V>, theme: () => Theme, watch: () => unknown) {
    this.#theme = theme;
    this.loader = new Loader(
      () => draw(this.look),
      (next) => (this.view = next),
    );
    $effect(() => {
      void [watch(), this.width, theme()];
      if (this.width > 0) untrack(() => void this.loader.load());
    });
  }

  /** The look to draw at in the window. */
  get look(): Look {
    return { width: this.width, height: CHART_HEIGHT, theme: this.#theme(), title: null };
  }

  /** The look of the exported PNG and SVG files. */
  get exportLook(): Look {
    return { ...EXPORT_SIZE, theme: this.#theme(), title: null };
  }
}
