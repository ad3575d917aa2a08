/** Save text as a file through the browser's download (an object URL on a temporary link). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `rankscope-run-7-2025-01-31T12-00-00.json` */
export function notebookFileName(seq: number, startedAt: number): string {
  return `rankscope-run-${seq}-${new Date(startedAt).toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
}
