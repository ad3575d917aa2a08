/**
 * The app's Content-Security-Policy, and the Vite plugin that applies it: as a <meta> tag written into
 * the built index.html (so any static host serves it), and as a response header from `vite preview`
 * (which also covers the training worker's script: a <meta> policy applies to the page only).
 * `vite dev` runs without it: its React refresh preamble is an inline script and HMR uses a websocket.
 * docs/robustness.md explains each directive and the headers to set on a static host.
 */
import type { Plugin } from 'vite';

/** Directive → sources. Everything not listed falls back to default-src 'self'. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  // Module scripts from this origin; 'wasm-unsafe-eval' lets tfjs-wasm, Rankscope's own SIMD
  // kernels and the coupling target's module compile WebAssembly (it allows no JavaScript eval). blob:: served cross-origin isolated,
  // tfjs-wasm's threaded build starts pthread workers whose script is a blob: URL it made itself, and
  // they load its factory the same way (docs/workers.md, "Threads inside wasm").
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  // The training workers are module scripts of this origin; the threaded build's pthread workers, blob: ones.
  'worker-src': ["'self'", 'blob:'],
  // Plotly writes inline style attributes and a <style> element of its own.
  'style-src': ["'self'", "'unsafe-inline'"],
  // Plotly draws heat maps and shaded patterns as data: PNG images; the PNG export draws the
  // figure's SVG, as a blob: URL, into a canvas (ui/export/download.ts).
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** Writes the policy into the built page and sends it from `vite preview`. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'rankscope-csp',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        ctx.server ? [] : [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        next();
      });
    },
  };
}
