import { describe, expect, it } from 'vitest';
import {
  DEFAULTS,
  FIELDS,
  decodeConfig,
  encodeConfig,
  queryPart,
  type ExperimentConfig,
} from '../../../src/core/config';

/** Every field but v differs from its default; floats chosen to need full precision. */
const EVERYTHING: ExperimentConfig = {
  v: 1, kind: 'compare',
  target: 'memory', tau: 40, spectrum: 'list', alpha: 0.75, lambda: 1 / 3, sigmas: [2, 0.1 + 0.2, 1e-3], ranks: [3, 'full'],
  modes: 64, basis: 'sincos', beta: 2.5, rho0: -0.3, kernel: 'power', p: 1.5, decay: Math.PI,
  alteration: 'mix', order: 'rotate', swapK: 7, rotateK: 3, mixLen: 4, mixDir: 'anticausal',
  model: 'rnn', n: 48, mH: 9, mHs: [1, 3, 9, 27], mV: 17, mFF: 256, depth: 2, act: 'gelu', pe: 'sin', peLr: 1 / 7,
  scaleLogits: true, fixedFeatures: true, rnnHidden: 64, rnnAct: 'tanh',
  lr: 0.0123456789, schedule: 'constant', warmup: 250, batch: 33, steps: 12345, adamEps: 1e-9, normalizeY: true,
  seed: 2_000_000_000, seeds: 3, logEvery: 7, evalEvery: 77, evalSize: 100, centre: true, backend: 'wasm', workers: 3,
};

const problemKeys = (text: string): string[] => decodeConfig(text).problems.map((p) => p.key);

describe('encodeConfig', () => {
  it('writes only v for the defaults', () => {
    expect(encodeConfig(DEFAULTS)).toBe('v=1');
  });

  it('writes v first, then changed fields in table order, human-readably', () => {
    const c = { ...DEFAULTS, mHs: [1, 2, 4, 8], beta: 3, kind: 'sweep', scaleLogits: true, ranks: [2, 'full'] } as const;
    expect(encodeConfig(c)).toBe('v=1&kind=sweep&ranks=2,full&beta=3&mhs=1,2,4,8&scale=1');
  });

  it('writes an empty list as an empty value', () => {
    expect(encodeConfig({ ...DEFAULTS, sigmas: [] })).toBe('v=1&sigmas=');
  });
});

describe('round trip', () => {
  it('changes every field but v in the all-fields fixture', () => {
    const unchanged = FIELDS.filter((row) => row.field !== 'v' && encodeConfig(EVERYTHING).split('&').every((kv) => !kv.startsWith(`${row.key}=`)));
    expect(unchanged.map((r) => r.key)).toEqual([]);
  });

  it('decode(encode(c)) equals c with every field changed, floats exact', () => {
    const { config, problems } = decodeConfig(encodeConfig(EVERYTHING));
    expect(config).toEqual(EVERYTHING);
    expect(config.sigmas[1]).toBe(0.1 + 0.2);
    expect(config.decay).toBe(Math.PI);
    // The fixture is deliberately inconsistent in one way: fixed features need a coupling target.
    expect(problems.map((p) => [p.key, p.severity])).toEqual([['fixed', 'error']]);
  });

  it('decode(encode(defaults)) is the defaults with no problems', () => {
    expect(decodeConfig(encodeConfig(DEFAULTS))).toEqual({ config: DEFAULTS, problems: [] });
  });

  it('reads hand-written numbers: exponents with +, leading dot, percent-encoded commas', () => {
    const { config, problems } = decodeConfig('steps=1e+3&lr=.5&mhs=1%2C2&alpha=5E-1');
    expect(problems).toEqual([]);
    expect([config.steps, config.lr, config.mHs, config.alpha]).toEqual([1000, 0.5, [1, 2], 0.5]);
  });

  it('turns −0 into 0', () => {
    expect(Object.is(decodeConfig('rho0=-0').config.rho0, 0)).toBe(true);
  });
});

describe('bad values keep the default and name key, value and what is allowed', () => {
  const cases: [string, string, keyof ExperimentConfig, string][] = [
    ['int out of range', 'mh=99', 'mH', 'mh: "99" is out of range 1–64; kept the default'],
    ['int fraction', 'mh=2.5', 'mH', 'mh: "2.5" is not an integer; kept the default'],
    ['int garbage', 'steps=lots', 'steps', 'steps: "lots" is not an integer; kept the default'],
    ['int hex', 'n=0x10', 'n', 'n: "0x10" is not an integer; kept the default'],
    ['float garbage', 'beta=NaN', 'beta', 'beta: "NaN" is not a number; kept the default'],
    ['float out of range', 'beta=101', 'beta', 'beta: "101" is out of range 0–100; kept the default'],
    ['float overflow', 'beta=1e999', 'beta', 'beta: "1e999" is out of range 0–100; kept the default'],
    ['float below min', 'lr=0', 'lr', 'lr: "0" is out of range 0.000001–1; kept the default'],
    ['empty number', 'tau=', 'tau', 'tau: "" is not an integer; kept the default'],
    ['bool', 'scale=yes', 'scaleLogits', 'scale: "yes" is not 0 or 1; kept the default'],
    ['enum', 'kind=sweeep', 'kind', 'kind: "sweeep" is not one of single, sweep, compare, exact; kept the default'],
    ['int list item', 'mhs=1,2,99', 'mHs', 'mhs: "1,2,99" has an item that is out of range 1–64 ("99"); kept the default'],
    ['int list empty item', 'mhs=1,,2', 'mHs', 'mhs: "1,,2" has an item that is not an integer (""); kept the default'],
    ['int list too short', 'mhs=', 'mHs', 'mhs: "" has 0 items; at least 1 is needed; kept the default'],
    ['float list item', 'sigmas=1,-1', 'sigmas', 'sigmas: "1,-1" has an item that is out of range 0–100 ("-1"); kept the default'],
    ['rank list item', 'ranks=2,half', 'ranks', 'ranks: "2,half" has an item that is not an integer and is not the word "full" ("half"); kept the default'],
    ['rank list range', 'ranks=0', 'ranks', 'ranks: "0" has an item that is out of range 1–128 and is not the word "full" ("0"); kept the default'],
  ];

  it.each(cases)('%s', (_name, text, field, message) => {
    const { config, problems } = decodeConfig(text);
    expect(config[field]).toEqual(DEFAULTS[field]);
    expect(problems).toEqual([{ key: text.split('=')[0], field, severity: 'warning', message }]);
  });

  it('refuses a list that is too long', () => {
    const long = Array.from({ length: 33 }, (_, i) => i + 1).join(',');
    const { config, problems } = decodeConfig(`mhs=${long}`);
    expect(config.mHs).toEqual(DEFAULTS.mHs);
    expect(problems[0]?.message).toContain('has 33 items; at most 32 are allowed');
  });

  it('shortens very long values in messages', () => {
    const { problems } = decodeConfig(`kind=${'x'.repeat(100)}`);
    expect(problems[0]?.message).toContain(`"${'x'.repeat(37)}..."`);
  });

  it('keeps the good values next to a bad one', () => {
    const { config, problems } = decodeConfig('kind=sweep&mh=99&beta=3');
    expect([config.kind, config.mH, config.beta]).toEqual(['sweep', 4, 3]);
    expect(problems.map((p) => p.key)).toEqual(['mh']);
  });
});

describe('keys', () => {
  // Issue 13: a typo'd key (`step=300`) was ignored with an 'info' notice, which the page filters out.
  it('names every unknown key in a warning, with the nearest real key; tracking parameters only in a note', () => {
    const { config, problems } = decodeConfig('v=1&foo=3&mh=2&utm_source=x&step=300&fbclid=abc&asks=x');
    expect(config).toEqual({ ...DEFAULTS, mH: 2 });
    expect(problems).toEqual([
      { key: 'foo', severity: 'warning', message: 'foo: not a setting of this app; ignored' },
      { key: 'utm_source', severity: 'info', message: 'utm_source: a tracking parameter; ignored' },
      { key: 'step', severity: 'warning', message: 'step: not a setting of this app (did you mean steps?); ignored' },
      { key: 'fbclid', severity: 'info', message: 'fbclid: a tracking parameter; ignored' },
      { key: 'asks', severity: 'warning', message: 'asks: not a setting of this app (did you mean ask?); ignored' },
    ]);
  });

  it('quotes at most 40 characters of an unknown key or an undecodable segment', () => {
    const long = 'k'.repeat(100_000);
    const { problems } = decodeConfig(`${long}=1&${'%'.repeat(300)}=2`);
    expect(problems.map((p) => [p.key.length, p.message.length <= 80])).toEqual([
      [40, true],
      [40, true],
    ]);
    expect(problems.map((p) => p.message)).toEqual([`${'%'.repeat(39)}…: not valid percent-encoding; ignored`, `${'k'.repeat(39)}…: not a setting of this app; ignored`]);
  });

  it('matches keys case-insensitively', () => {
    expect(decodeConfig('MH=2&Tau=20').config).toMatchObject({ mH: 2, tau: 20 });
  });

  it('lets the last readable value of a repeated key count, with a notice', () => {
    const { config, problems } = decodeConfig('mh=2&mh=3&mh=999');
    expect(config.mH).toBe(3);
    expect(problems.map((p) => [p.key, p.severity])).toEqual([
      ['mh', 'info'], ['mh', 'info'], ['mh', 'warning'],
    ]);
  });

  it('reports an undecodable segment and reads the rest', () => {
    const { config, problems } = decodeConfig('mh=%E0%A4%A&tau=20');
    expect(config).toEqual({ ...DEFAULTS, tau: 20 });
    expect(problems).toEqual([
      { key: 'mh=%E0%A4%A', severity: 'warning', message: 'mh=%E0%A4%A: not valid percent-encoding; ignored' },
    ]);
  });
});

describe('link forms', () => {
  it.each([
    ['bare', 'v=1&mh=8'],
    ['leading ?', '?v=1&mh=8'],
    ['leading #', '#v=1&mh=8'],
    ['hash with ?', '#?v=1&mh=8'],
    ['whole URL, query', 'https://example.org/rankscope/?v=1&mh=8#section'],
    ['whole URL, hash only', 'https://example.org/rankscope/#v=1&mh=8'],
    ['whole URL, empty query, hash', 'https://example.org/rankscope/?#mh=8'],
    ['hash route', 'https://example.org/#/lab?mh=8'],
    ['relative URL', 'index.html?mh=8'],
    ['surrounding space', '  ?mh=8\n'],
  ])('%s', (_name, text) => {
    expect(decodeConfig(text)).toEqual({ config: { ...DEFAULTS, mH: 8 }, problems: [] });
  });

  it('treats a URL without query or hash, and the empty text, as the defaults', () => {
    expect(decodeConfig('https://example.org/rankscope/')).toEqual({ config: DEFAULTS, problems: [] });
    expect(decodeConfig('')).toEqual({ config: DEFAULTS, problems: [] });
    expect(queryPart('https://example.org/a?b')).toBe('b');
  });
});

describe('versions', () => {
  it('reads a link without v as the current version', () => {
    expect(decodeConfig('kind=sweep').config.kind).toBe('sweep');
  });

  it.each(['2', '0', 'abc', ''])('refuses v=%s: defaults and one error naming the version', (v) => {
    const { config, problems } = decodeConfig(`v=${v}&kind=sweep&mh=8`);
    expect(config).toEqual(DEFAULTS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'v', field: 'v', severity: 'error' });
    expect(problems[0]?.message).toBe(
      `v: "${v}" is not a link version this app reads (it reads v=1); all settings were ignored and the defaults used`,
    );
  });

  it('checks the version wherever v appears', () => {
    expect(problemKeys('kind=sweep&v=2')).toEqual(['v']);
  });
});
