/** The at-a-glance panels that change with training and have a movie (their export names), and their titles. */
export const GLANCE_MOVIE_FIGURES = ['wtw-bias', 'feature-norms', 'feature-geometry', 'loss-curve'] as const;
export type GlanceMovieFigure = (typeof GLANCE_MOVIE_FIGURES)[number];

export const GLANCE_MOVIE_TITLES: Readonly<Record<GlanceMovieFigure, string>> = {
  'wtw-bias': 'WᵀW and bias',
  'feature-norms': 'Feature norms ‖Wᵢ‖',
  'feature-geometry': 'Feature geometry',
  'loss-curve': 'Loss',
};

export function isGlanceMovieFigure(name: string): name is GlanceMovieFigure {
  return (GLANCE_MOVIE_FIGURES as readonly string[]).includes(name);
}
