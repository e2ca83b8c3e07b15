/** The palette's old address, still imported by the sections; new code imports './palette'. */
export { HIGHLIGHT_COLOR, NEUTRAL_COLOR, seriesColor } from './palette';
