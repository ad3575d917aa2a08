/** Embed mode's header: the name and a way out to the full lab (the same link without embed=1). */
export function EmbedHeader() {
  const full = window.location.href.replace(/([?&])embed=[^&#]*&?/i, '$1').replace(/[?&]$/, '');
  return (
    <header className="app-header" data-testid="embed-header">
      <div className="brand">
        <h1>Rankscope</h1>
      </div>
      <a href={full} target="_blank" rel="noreferrer" className="small">
        Open in the full lab
      </a>
    </header>
  );
}
