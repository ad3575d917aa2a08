/** A run's colour in the history and the comparison chart, from its sequence number. */
const RUN_COLORS = ['#4e79a7', '#e15759', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2', '#9c755f', '#edc948'];

export function runColor(seq: number): string {
  return RUN_COLORS[seq % RUN_COLORS.length] ?? '#4e79a7';
}
