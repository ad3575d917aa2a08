import { describe, expect, it } from 'vitest';
import { stepQuery } from '../../src/core/tour';
import { createConfigStore, syncConfigToUrl } from '../../src/state/app-state';
import { createTourStore } from '../../src/state/tour-store';

/** The parts of window the tour and the URL sync touch, kept consistent the way a browser keeps them. */
function fakeWindow(search: string) {
  const loads: string[] = [];
  const location = {
    pathname: '/app/',
    search,
    hash: '',
    assign(url: string) {
      loads.push(url);
    },
  };
  const history = {
    replaceState(_data: unknown, _unused: string, url: string) {
      const q = url.indexOf('?');
      location.search = q < 0 ? '' : url.slice(q);
    },
  };
  return { win: { location, history } as unknown as Pick<Window, 'history' | 'location'>, location, loads };
}

describe('the tour store', () => {
  it('opens at the step of the link; within a stage only tour= changes, nothing loads', () => {
    const { win, location, loads } = fakeWindow(`?${stepQuery(1)}`);
    const tour = createTourStore(win);
    expect(tour.getState().step).toBe(1);
    tour.getState().go(2);
    tour.getState().go(3);
    expect(tour.getState().step).toBe(3);
    expect(location.search).toBe(`?${stepQuery(3)}`);
    expect(loads).toEqual([]);
  });

  it('loads another stage from its share link', () => {
    const { win, loads } = fakeWindow(`?${stepQuery(3)}`);
    const tour = createTourStore(win);
    tour.getState().go(4);
    expect(loads).toEqual([`/app/?${stepQuery(4)}`]);
    tour.getState().go(2); // back from Fig. 1 would load Fig. 5 again; here the page is still step 3's
    expect(loads).toHaveLength(1);
  });

  it('ignores a step that does not exist', () => {
    const { win, location, loads } = fakeWindow(`?${stepQuery(0)}`);
    const tour = createTourStore(win);
    tour.getState().go(-1);
    tour.getState().go(99);
    tour.getState().go(1.5);
    expect(tour.getState().step).toBe(0);
    expect(location.search).toBe(`?${stepQuery(0)}`);
    expect(loads).toEqual([]);
  });

  it('leaving keeps the experiment and drops tour=; resuming on the same page goes back without a load', () => {
    const { win, location, loads } = fakeWindow(`?${stepQuery(2)}`);
    const tour = createTourStore(win);
    tour.getState().leave();
    expect(tour.getState()).toMatchObject({ step: null, left: 2 });
    expect(location.search).toBe(`?${stepQuery(2).replace('&tour=3', '')}`);
    tour.getState().go(2);
    expect(tour.getState()).toMatchObject({ step: 2, left: null });
    expect(location.search).toBe(`?${stepQuery(2)}`);
    expect(loads).toEqual([]);
  });

  it('starting from a page without a tour loads the first step', () => {
    const { win, loads } = fakeWindow('?v=1&kind=sweep');
    const tour = createTourStore(win);
    expect(tour.getState().step).toBeNull();
    tour.getState().go(0);
    expect(loads).toEqual([`/app/?${stepQuery(0)}`]);
  });

  it('reports a tour= that names no step, and shows no tour', () => {
    const { win } = fakeWindow('?v=1&tour=12');
    const tour = createTourStore(win);
    expect(tour.getState().step).toBeNull();
    expect(tour.getState().problem?.message).toContain('tour: "12" is not a step of the tour (1–6)');
  });

  it('an edit of the experiment keeps the lesson keys and the current tour step in the address', () => {
    const { win, location } = fakeWindow(`?${stepQuery(0)}`);
    const config = createConfigStore(win.location.search);
    const tour = createTourStore(win);
    const stop = syncConfigToUrl(config, win);
    tour.getState().go(1);
    config.getState().setFieldText('seed', '4');
    expect(location.search).toContain('&seed=4&');
    expect(location.search.endsWith('&tour=2')).toBe(true);
    expect(location.search).toContain('&ask=');
    stop();
  });
});
