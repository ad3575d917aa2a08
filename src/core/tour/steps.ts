/**
 * The guided tour ("Start here"): six steps through the paper's headline results, each a share link
 * (a preset, optionally a lesson question, and `tour=<step>`). The text is checked against
 * docs/model.md and the measurements in docs/reproduction.md; it quotes no number that is not there.
 */
import type { PresetId } from '../config';
import type { Question } from '../lesson';

/** What a step points at on the page (the UI maps each to an element). */
export type TourSpot = 'rate-view' | 'lesson-question' | 'run-controls' | 'spectrum-view' | 'compare-view';

export interface TourStep {
  /** Short, shown as the step's heading. */
  readonly title: string;
  /** Two or three sentences. */
  readonly text: string;
  /** The experiment the step's link opens. */
  readonly preset: PresetId;
  /** A prediction the step's link asks before Play (a lesson question), or null. */
  readonly question: Question | null;
  readonly spot: TourSpot;
}

/** Fig. 5's question: asked from the first step on, so the steps that share it stay on one page. */
const FIG5_QUESTION: Question = {
  text: 'At head size m_h = 4, which error will be larger: the rank-6 target’s or the full-rank target’s?',
  choices: ['The rank-6 target’s', 'The full-rank target’s', 'About the same'],
  answer: 1,
  explanation:
    'The full-rank target’s. Both targets share the first six modes σ_k = 1/k; the full-rank one also has modes 7 to 32, ' +
    'and a head of size 4 holds at most four, so more of it is out of reach (its tail Σ_{k>4} σ_k² is larger). ' +
    'Over three seeds the error rose with the rank at m_h = 1, 4 and 16 (docs/reproduction.md).',
};

const TABLE2_QUESTION: Question = {
  text: 'When the first and last 10 inputs are swapped, whose error grows by orders of magnitude?',
  choices: ['The RNN’s', 'The Transformer’s', 'Both', 'Neither'],
  answer: 0,
  explanation:
    'The RNN’s. Its fading memory suits y(t) = Σ_s e^(−s) x(t−s), but after the swap some outputs depend on inputs about 20 steps back and others on inputs that come later. ' +
    'Measured with this preset (seed 0, docs/reproduction.md): the RNN ×2.8e8, the Transformer ×0.53. ' +
    'Attention has no built-in order: its band of attention simply moves with the swapped inputs. ' +
    'Mixing is the reverse: the paper finds it costs the Transformer about 10× and the RNN nothing (here ×111 and ×0.24).',
};

export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'Fig. 5: error against head size',
    text:
      'This is the paper’s Fig. 5: one single-layer Transformer per head size m_h = 1 to 16, learning a target whose coupling ρ has singular values σ_k = 1/k, at rank 2, rank 6 and full rank. ' +
      'The theorem says the error is set by the part of ρ beyond rank m_h, so on log-log axes the full-rank error should fall along a straight line of slope −(2α − 1) = −1. ' +
      'To make that term visible within a browser’s budget, the feature maps are fixed to the target’s own and only W_Q and W_K learn (docs/model.md §5.4).',
    preset: 'fig5-alpha1',
    question: FIG5_QUESTION,
    spot: 'rate-view',
  },
  {
    title: 'Predict first',
    text:
      'Commit to a guess before anything trains: Play stays off until you answer the question, and the answer appears only when the run finishes. ' +
      'A hint: a head of size m_h makes logits of rank at most m_h, and a rank-r target has nothing beyond its r-th mode.',
    preset: 'fig5-alpha1',
    question: FIG5_QUESTION,
    spot: 'lesson-question',
  },
  {
    title: 'Run it',
    text:
      'Press Play (or Space). All 48 models (16 head sizes × 3 ranks) train side by side for 1,500 steps each, which took 85 to 163 s on a 2-core test machine; the figure redraws at every evaluation, every 500 steps. ' +
      'You can move on while it trains: the next step reads the same figure.',
    preset: 'fig5-alpha1',
    question: FIG5_QUESTION,
    spot: 'run-controls',
  },
  {
    title: 'The slope, and the collapse at m_h = r',
    text:
      'Under the figure, the full-rank line’s fitted slope sits near the target’s own tail slope printed beside it (about −1.1 for these 32 modes) rather than the asymptotic −1 (three seeds gave −1.07 to −1.34). ' +
      'The rank-2 and rank-6 lines fall steeply until the dotted line at m_h = r, then flatten: from there the head can hold the whole coupling and only an optimisation floor is left, so those points stay out of the fit. ' +
      'Click a point to see that model’s logit spectrum further down.',
    preset: 'fig5-alpha1',
    question: FIG5_QUESTION,
    spot: 'rate-view',
  },
  {
    title: 'Fig. 1: the spectra inside the heads',
    text:
      'Fig. 1 of the paper looks inside trained heads: the singular values of the attention logits before the softmax. ' +
      'Here Transformers with m_h = 1, 2, 4, 8 and 16 learn the full-rank σ_k = 1/k target; a head of size m_h has at most m_h non-zero values, drawn as violins beside the target’s own sampled matrices (sampled at τ = 16 these are biased, docs/model.md §6.3). ' +
      'Press Play, then pick a model in the view’s selector and watch whether the leading values stop changing as m_h grows.',
    preset: 'fig1',
    question: null,
    spot: 'spectrum-view',
  },
  {
    title: 'Table 2: RNN against Transformer',
    text:
      'The last contrast is about order in time, not rank: an RNN and a Transformer learn a fading memory y(t) = Σ_s e^(−s) x(t−s), then the same target with the first and last 10 inputs swapped, and after a length-5 mixing filter. ' +
      'The question above asks which model the swap hurts; the grid shows each error divided by the same model’s error on the original, and the paper’s finding for both alterations appears beside it when the run ends. ' +
      'This is the full recipe, 12,000 steps per model: it takes minutes (about four with two workers on a 2-core test machine, more with one), and the grid fills in at every evaluation, every 2,000 steps.',
    preset: 'table2',
    question: TABLE2_QUESTION,
    spot: 'compare-view',
  },
];
