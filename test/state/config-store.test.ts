/**
 * The config store and its URL sync: the one place the page's address is read and written. The
 * address here is a WHATWG URL that replaceState moves, as the browser's does.
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig, presetConfig } from '../../src/core/config';
import { createConfigStore, LANDING_PRESET, shareLink, syncConfigToUrl } from '../../src/state/config-store';

/** An address bar: location read from a URL, history.replaceState moving it; every write kept. */
function addressBar(href: string): { win: Pick<Window, 'history' | 'location'>; writes: string[]; url: () => URL } {
  let url = new URL(href);
  const writes: string[] = [];
  const location = {
    get pathname() {
      return url.pathname;
    },
    get search() {
      return url.search;
    },
    get hash() {
      return url.hash;
    },
  };
  const history = {
    replaceState(_data: unknown, _unused: string, next: string) {
      url = new URL(next, url);
      writes.push(next);
    },
  };
  // Only these members are read by syncConfigToUrl.
  const win = { location, history } as unknown as Pick<Window, 'history' | 'location'>;
  return { win, writes, url: () => url };
}

const query = (u: URL): string => u.search.replace(/^\?/, '');

describe('the config store', () => {
  it('opens a bare address on the landing preset, and writes its link to the address once', () => {
    const store = createConfigStore('');
    expect(store.getState().config).toEqual(presetConfig(LANDING_PRESET));
    expect(store.getState().linkProblems).toEqual([]);
    const bar = addressBar('https://lab.example/rankscope/');
    const stop = syncConfigToUrl(store, bar.win);
    expect(query(bar.url())).toBe(encodeConfig(presetConfig(LANDING_PRESET)));
    expect(bar.url().pathname).toBe('/rankscope/');
    expect(bar.writes).toHaveLength(1);
    stop();
  });

  it('takes a bad field’s default with a problem naming its key, and rewrites the address to the valid link', () => {
    const store = createConfigStore('?v=1&mh=999&beta=0.5');
    const s = store.getState();
    expect(s.config.mH).toBe(decodeConfig('v=1').config.mH);
    expect(s.config.beta).toBe(0.5);
    expect(s.linkProblems.map((p) => p.message).join(' ')).toMatch(/mh/);
    const bar = addressBar('https://lab.example/?v=1&mh=999&beta=0.5');
    const stop = syncConfigToUrl(store, bar.win);
    expect(query(bar.url())).toBe('v=1&beta=0.5');
    store.getState().dismissLinkProblems();
    expect(store.getState().linkProblems).toEqual([]);
    stop();
  });

  it('mirrors every change to the address, keeping the lesson keys and the tour step, and writes nothing for an unchanged value', () => {
    const link = '?v=1&mh=2&lock=beta&ask=Why%3F&choices=A|B&answer=1&tour=2';
    const store = createConfigStore(link, ['beta']);
    const bar = addressBar(`https://lab.example/${link}`);
    const stop = syncConfigToUrl(store, bar.win);
    expect(query(bar.url())).toBe('v=1&mh=2&lock=beta&ask=Why%3F&choices=A|B&answer=1&tour=2');
    const writes = bar.writes.length;
    const before = store.getState().config;
    store.getState().setFieldText('mH', '2');
    expect(store.getState().config).toBe(before);
    expect(bar.writes).toHaveLength(writes);
    store.getState().setFieldText('mH', '8');
    expect(query(bar.url())).toBe('v=1&mh=8&lock=beta&ask=Why%3F&choices=A|B&answer=1&tour=2');
    expect(bar.writes).toHaveLength(writes + 1);
    stop();
    store.getState().setFieldText('mH', '4');
    expect(bar.writes).toHaveLength(writes + 1);
  });

  it('keeps frozen fields: an edit of one is ignored, a preset or a config that moves one is refused whole', () => {
    const store = createConfigStore('?v=1&beta=0.5', ['beta']);
    store.getState().setField('beta', 2);
    expect(store.getState().config.beta).toBe(0.5);
    const before = store.getState().config;
    expect(store.getState().applyPreset('fig5-alpha1')).toEqual(['beta']);
    expect(store.getState().config).toBe(before);
    expect(store.getState().replaceConfig({ ...before, beta: 1, mH: 8 })).toEqual(['beta']);
    expect(store.getState().config).toBe(before);
    expect(store.getState().replaceConfig({ ...before, mH: 8 })).toEqual([]);
    expect(store.getState().config.mH).toBe(8);
  });

  it('keeps a control’s unreadable text as a draft with its reason, until a readable value replaces it', () => {
    const store = createConfigStore('?v=1&mh=2');
    store.getState().setFieldText('mH', 'lots');
    const draft = store.getState().drafts.mH;
    expect(draft?.text).toBe('lots');
    expect(draft?.reason.length).toBeGreaterThan(0);
    expect(store.getState().config.mH).toBe(2);
    store.getState().setFieldText('mH', '3');
    expect(store.getState().drafts).toEqual({});
    expect(store.getState().config.mH).toBe(3);
  });

  it('lists the cross-field errors of the current config, and clears them when fixed', () => {
    const store = createConfigStore('?v=1&steps=100&evalev=50');
    expect(store.getState().problems).toEqual([]);
    store.getState().setField('evalEvery', 500);
    expect(store.getState().problems.map((p) => p.message).join(' ')).toMatch(/evalev: 500 exceeds steps=100/);
    store.getState().setField('steps', 1000);
    expect(store.getState().problems).toEqual([]);
  });

  it('builds the share link on the page’s address without its query or hash', () => {
    const c = decodeConfig('v=1&mh=2').config;
    expect(shareLink(c, 'https://lab.example/app/?v=1&mh=9#x')).toBe('https://lab.example/app/?v=1&mh=2');
    expect(shareLink(c, 'https://lab.example/app/#v=1')).toBe('https://lab.example/app/?v=1&mh=2');
  });
});
