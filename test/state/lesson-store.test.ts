import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/core/config';
import { configFingerprint } from '../../src/core/lesson';
import { awaitsPrediction, createConfigStore, createLessonStore, frozenField, syncConfigToUrl } from '../../src/state/app-state';

const QUESTION = 'ask=Which%3F&choices=RNN|Transformer&answer=1&explain=Order%20matters';

/** The parts of window that syncConfigToUrl touches, kept consistent the way a browser keeps them. */
function fakeWindow(search: string) {
  const location = { pathname: '/app/', search };
  const history = {
    writes: 0,
    replaceState(_data: unknown, _unused: string, url: string) {
      this.writes++;
      location.search = url.slice(url.indexOf('?'));
    },
  };
  return { location, history } as unknown as Pick<Window, 'history' | 'location'> & { history: { writes: number } };
}

describe('URL sync with a lesson link', () => {
  it('keeps the lesson keys, as written, after the experiment when a field changes', () => {
    const link = `?mh=2&lock=beta&${QUESTION}&digest=wasm:0123abcd:1e-3`;
    const store = createConfigStore(link);
    const win = fakeWindow(link);
    const stop = syncConfigToUrl(store, win);
    expect(win.location.search).toBe(`?v=1&mh=2&lock=beta&${QUESTION}&digest=wasm:0123abcd:1e-3`);
    store.getState().setFieldText('seed', '5');
    expect(win.location.search).toBe(`?v=1&mh=2&seed=5&lock=beta&${QUESTION}&digest=wasm:0123abcd:1e-3`);
    expect(store.getState().linkProblems).toEqual([]);
    stop();
  });
});

describe('lesson store', () => {
  it('locks and hides fields, and Play waits for a prediction', () => {
    const s = createLessonStore(`?lock=mh&hide=lr&${QUESTION}`);
    expect(frozenField(s.getState(), 'mH')).toBe(true);
    expect(frozenField(s.getState(), 'lr')).toBe(true);
    expect(frozenField(s.getState(), 'beta')).toBe(false);
    expect(awaitsPrediction(s.getState())).toBe(true);
    s.getState().predict(5); // not a choice: ignored
    expect(awaitsPrediction(s.getState())).toBe(true);
    s.getState().predict(1);
    expect(s.getState().prediction).toBe(1);
    expect(awaitsPrediction(s.getState())).toBe(false);
  });

  it('reveals only when a run finishes after the prediction, and then the prediction is fixed', () => {
    const s = createLessonStore(`?${QUESTION}`);
    s.getState().runFinished('wasm', DEFAULTS, [1]);
    expect(s.getState().revealed).toBe(false);
    s.getState().predict(0);
    s.getState().runFinished('wasm', DEFAULTS, [1]);
    expect(s.getState().revealed).toBe(true);
    s.getState().predict(1);
    expect(s.getState().prediction).toBe(0);
  });

  it('a diverged run also reveals the answer (the outcome is known), but checks no digest', () => {
    const s = createLessonStore(`?${QUESTION}&digest=wasm:0123abcd:1`);
    s.getState().predict(1);
    s.getState().runDiverged();
    expect(s.getState().revealed).toBe(true);
    expect(s.getState().check).toBeNull();
  });

  it('checks the link digest against the finished run and keeps the run as a digest', () => {
    const fp = configFingerprint(DEFAULTS);
    const s = createLessonStore(`?digest=wasm:${fp}:1.5e-3,2e-4`);
    s.getState().runFinished('wasm', DEFAULTS, [1.5e-3, 2e-4]);
    expect(s.getState().check).toMatchObject({ verdict: 'reproduced', maxRelDiff: 0, backendDiffers: false, configDiffers: false });
    expect(s.getState().finished).toEqual({ backend: 'wasm', config: fp, mse: [1.5e-3, 2e-4] });
    s.getState().runFinished('cpu', DEFAULTS, [1.5e-3, 2.1e-4]);
    expect(s.getState().check).toMatchObject({ verdict: 'differs', worstLane: 1, backendDiffers: true });
    expect(s.getState().check?.maxRelDiff).toBeCloseTo(0.1 / 2.1, 12);
  });

  it('reports a bad lesson key and keeps the rest', () => {
    const s = createLessonStore('?lock=mh&embed=maybe');
    expect(s.getState().lesson.lock).toEqual(['mH']);
    expect(s.getState().linkProblems.map((p) => p.key)).toEqual(['embed']);
  });
});
