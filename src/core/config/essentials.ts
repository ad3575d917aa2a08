/**
 * The essentials of an experiment: the fields that say what it is (its kind, its target and that
 * target's spectrum or kernel, the alteration it applies, the head sizes, the length of training and
 * the seeds). The settings panel opens on these and keeps the rest one click away. Which fields they
 * are depends on the kind and on the target's own choices (a power spectrum's α, an exponential
 * kernel's decay rate), never on anything else.
 */
import type { ExperimentConfig } from './types';
import { FIELDS } from './schema';

type C = ExperimentConfig;
type Field = keyof C;

/** The parameter of the coupling's σ_k family (none for flat). */
function spectrumParameter(c: C): Field[] {
  switch (c.spectrum) {
    case 'power':
      return ['alpha'];
    case 'exp':
      return ['lambda'];
    case 'list':
      return ['sigmas'];
    case 'flat':
      return [];
  }
}

/** The target: a coupling's spectrum, ranks and strength, or a memory's kernel and its parameter. */
function targetFields(c: C): Field[] {
  if (c.kind === 'exact') return ['spectrum', ...spectrumParameter(c), 'ranks', 'basis', 'beta', 'rho0'];
  if (c.target === 'coupling') return ['target', 'tau', 'spectrum', ...spectrumParameter(c), 'ranks', 'beta'];
  const parameter: Field[] = c.kernel === 'exp' ? ['decay'] : c.kernel === 'power' ? ['p'] : [];
  return ['target', 'tau', 'kernel', ...parameter];
}

/** The ordering the run applies, with its size. */
function orderFields(c: C): Field[] {
  if (c.order === 'swap') return ['order', 'swapK'];
  if (c.order === 'rotate') return ['order', 'rotateK'];
  return ['order'];
}

/** A single run or sweep picks one alteration; a comparison always runs the ordering and the mixing. */
function alterationFields(c: C): Field[] {
  if (c.kind === 'compare') return [...orderFields(c), 'mixLen'];
  if (c.alteration === 'order') return ['alteration', ...orderFields(c)];
  if (c.alteration === 'mix') return ['alteration', 'mixLen'];
  return ['alteration'];
}

/** The model's defining size: m_h (and fixed features) for a Transformer, the hidden width for an RNN. */
function modelFields(c: C): Field[] {
  switch (c.kind) {
    case 'single':
      return c.model === 'rnn' ? ['model', 'rnnHidden'] : ['model', 'mH', 'fixedFeatures'];
    case 'sweep':
      return ['mHs', 'fixedFeatures'];
    case 'compare':
      return ['mH'];
    case 'exact':
      return [];
  }
}

/** The essential fields of c, in schema (= panel and link) order. */
export function essentialFields(c: ExperimentConfig): readonly Field[] {
  const training: Field[] = c.kind === 'exact' ? [] : ['steps', 'seed', 'seeds'];
  const alteration = c.kind === 'exact' ? [] : alterationFields(c);
  const wanted = new Set<Field>(['kind', ...targetFields(c), ...alteration, ...modelFields(c), ...training]);
  return FIELDS.map((r) => r.field).filter((f) => wanted.has(f));
}
