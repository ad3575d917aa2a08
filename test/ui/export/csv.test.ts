import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import type { LogitSpectra, TargetSpectra } from '../../../src/core/results';
import { summariseCompare } from '../../../src/core/results';
import { buildAlteration } from '../../../src/core/targets';
import { planExperiment } from '../../../src/core/train';
import type { Metrics, RunStoreState } from '../../../src/state/app-state';
import { evalCsv, formatCell, toCsv, trainLossCsv } from '../../../src/ui/export/csv';
import { alterationCsv, attentionCsv, compareCsv, exactCsv, meanSpectrumCsv, positionCsv, rateCsv, spectrumCsv } from '../../../src/ui/views/csv';
import { rateSummary } from '../../../src/ui/views/rate-summary';
import type { LaneInfo } from '../../../src/worker/protocol';

/** A small RFC 4180 reader: enough to check that what the builders write reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

type Run = Pick<RunStoreState, 'lanes' | 'metrics' | 'targetSpectra'>;

const lane = (label: string, mH: number, target = 0, seedIndex = 0): LaneInfo => ({ label, model: 'transformer', mH, target, seedIndex });

function runWith(lanes: LaneInfo[], metrics: Partial<Metrics>, targetSpectra: (TargetSpectra | null)[] = []): Run {
  return {
    lanes,
    targetSpectra,
    metrics: { trainSteps: [], trainLoss: lanes.map(() => []), evals: [], spectra: [], ...metrics },
  };
}

describe('CSV cells', () => {
  it('quotes text with commas, quotes, line breaks or edge spaces, and spells non-finite numbers', () => {
    expect(formatCell('m_h 2')).toBe('m_h 2');
    expect(formatCell('a,b')).toBe('"a,b"');
    expect(formatCell('say "hi"')).toBe('"say ""hi"""');
    expect(formatCell('two\nlines')).toBe('"two\nlines"');
    expect(formatCell(' pad')).toBe('" pad"');
    expect(formatCell(Number.NaN)).toBe('NaN');
    expect(formatCell(Infinity)).toBe('inf');
    expect(formatCell(-Infinity)).toBe('-inf');
    expect(formatCell(null)).toBe('');
    expect(formatCell(undefined)).toBe('');
    // Shortest round-trip text: the number read back is the same double.
    expect(Number(formatCell(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(formatCell(1e-21)).toBe('1e-21');
  });

  // Issue 13: an imported label `=HYPERLINK(…)` went raw into positionCsv and attentionCsv.
  it('neutralises text a spreadsheet would run as a formula (= + - @, tab, carriage return), numbers untouched', () => {
    expect(formatCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(formatCell('+1')).toBe("'+1");
    expect(formatCell('-2+3')).toBe("'-2+3");
    expect(formatCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(formatCell('\t=1')).toBe("'\t=1");
    expect(formatCell('\r=1')).toBe('"\'\r=1"');
    expect(formatCell('  =1')).toBe("'  =1");
    expect(formatCell('m_h 2 = best')).toBe('m_h 2 = best');
    expect(formatCell(-2)).toBe('-2');
    expect(formatCell(-Infinity)).toBe('-inf');
  });

  it('neutralises a formula label in every CSV that writes labels', () => {
    const evil = '=HYPERLINK("http://evil","click")';
    const run = runWith([lane(evil, 1)], {
      trainSteps: [10],
      trainLoss: [[0.5]],
      evals: [{ step: 10, mse: Float64Array.of(0.5), rel: Float64Array.of(1), byT: Float64Array.of(0.1, 0.2) }],
      spectra: [{ step: 10, lanes: [0], count: 1, keep: 2, raw: Float32Array.of(1, 0.5), centred: Float32Array.of(1, 0.5), attention: Float32Array.of(1, 0, 0.5, 0.5), attentionCount: 1 }],
    }, [null]);
    const choice = { lane: 0, snapshot: null, centre: false };
    const texts = [trainLossCsv(run), evalCsv(run), positionCsv(run), attentionCsv(run), spectrumCsv(run, choice), meanSpectrumCsv(run, choice)];
    for (const text of texts) {
      const cells = parseCsv(text).flat();
      expect(cells.some((c) => c.includes('HYPERLINK')), text.slice(0, 80)).toBe(true);
      expect(cells.filter((c) => /^\s*[=+\-@]/.test(c)), text.slice(0, 80)).toEqual([]);
    }
  });

  it('reads back cell for cell', () => {
    const text = toCsv(['name', 'value'], [['a, "b"', 1.5], ['c\nd', null]]);
    expect(parseCsv(text)).toEqual([
      ['name', 'value'],
      ['a, "b"', '1.5'],
      ['c\nd', ''],
    ]);
  });
});

describe('live curve CSVs', () => {
  it('writes every training report with each lane’s raw loss', () => {
    const steps = Array.from({ length: 1234 }, (_, i) => 5 * (i + 1));
    const run = runWith([lane('m_h 1', 1), lane('m_h 2, seed 1', 2)], {
      trainSteps: steps,
      trainLoss: [steps.map((s) => 1 / s), steps.map((s) => 2 / s)],
    });
    const rows = parseCsv(trainLossCsv(run));
    expect(rows[0]).toEqual(['step', 'train_mse m_h 1', 'train_mse m_h 2, seed 1']);
    expect(rows).toHaveLength(1 + 1234);
    expect(rows[1]).toEqual(['5', '0.2', '0.4']);
    expect(rows[1234]?.map(Number)).toEqual([6170, 1 / 6170, 2 / 6170]);
  });

  it('writes every evaluation: MSE and relative error per lane', () => {
    const evals = [10, 20, 30].map((step) => ({ step, mse: Float64Array.of(step, step * 2), rel: Float64Array.of(step / 10, Number.NaN), byT: new Float64Array(0) }));
    const rows = parseCsv(evalCsv(runWith([lane('A', 1), lane('B', 2)], { evals })));
    expect(rows[0]).toEqual(['step', 'eval_mse A', 'eval_mse B', 'eval_rel A', 'eval_rel B']);
    expect(rows.slice(1)).toEqual([
      ['10', '10', '20', '1', 'NaN'],
      ['20', '20', '40', '2', 'NaN'],
      ['30', '30', '60', '3', 'NaN'],
    ]);
  });

  it('writes only a header before any data', () => {
    expect(trainLossCsv(runWith([lane('A', 1)], {}))).toBe('step,train_mse A\n');
  });
});

describe('error-by-position CSV', () => {
  it('writes step, lane, t, mse for every evaluation that has byT, lane-major, exactly', () => {
    // byT[l·τ + t] = step + 10·l + t / 8 (every value exact in binary, so it reads back as the same double).
    const byT = (step: number): Float64Array => Float64Array.from({ length: 2 * 3 }, (_, i) => step + 10 * Math.floor(i / 3) + (i % 3) / 8);
    const evals = [
      { step: 10, mse: Float64Array.of(1, 2), rel: Float64Array.of(1, 2), byT: new Float64Array(0) }, // an older record's evaluation: byT not recorded
      { step: 20, mse: Float64Array.of(1, 2), rel: Float64Array.of(1, 2), byT: byT(20) },
      { step: 30, mse: Float64Array.of(1, 2), rel: Float64Array.of(1, 2), byT: Float64Array.of(1e-7, Number.NaN, 3, 4, 5, 6) },
    ];
    const rows = parseCsv(positionCsv(runWith([lane('RNN · order', 0), lane('Transformer, seed 1', 4)], { evals })));
    expect(rows[0]).toEqual(['step', 'lane', 't', 'mse']);
    expect(rows).toHaveLength(1 + 2 * 2 * 3);
    expect(rows.slice(1, 7)).toEqual([
      ['20', 'RNN · order', '0', '20'],
      ['20', 'RNN · order', '1', '20.125'],
      ['20', 'RNN · order', '2', '20.25'],
      ['20', 'Transformer, seed 1', '0', '30'],
      ['20', 'Transformer, seed 1', '1', '30.125'],
      ['20', 'Transformer, seed 1', '2', '30.25'],
    ]);
    expect(rows.slice(7).map((r) => r[3])).toEqual(['1e-7', 'NaN', '3', '4', '5', '6']);
  });

  it('writes only the header when no evaluation has byT', () => {
    const evals = [{ step: 10, mse: Float64Array.of(1), rel: Float64Array.of(1), byT: new Float64Array(0) }];
    expect(positionCsv(runWith([lane('A', 1)], { evals }))).toBe('step,lane,t,mse\n');
  });
});

describe('attention CSV', () => {
  // Two Transformer lanes (plan indices 0 and 2), τ = 2; values encode (lane, t, s); one older snapshot without attention.
  const snap = (step: number, withAttention: boolean): LogitSpectra => ({
    step, lanes: [0, 2], count: 3, keep: 2, raw: new Float32Array(12), centred: new Float32Array(12),
    ...(withAttention ? { attention: Float32Array.from({ length: 8 }, (_, i) => step + i / 8), attentionCount: 3 } : { attention: new Float32Array(0), attentionCount: 0 }),
  });
  const lanes = [lane('Transformer · none', 16), { ...lane('RNN · none', 0), model: 'rnn' as const }, lane('Transformer · order', 16, 1)];

  it('writes A[t, s] of every lane at every snapshot that has it, with the sequences averaged', () => {
    const rows = parseCsv(attentionCsv(runWith(lanes, { spectra: [snap(10, false), snap(20, true), snap(30, true)] })));
    expect(rows[0]).toEqual(['step', 'lane', 't', 's', 'attention', 'sequences']);
    expect(rows).toHaveLength(1 + 2 * 2 * 2 * 2); // snapshots with attention × lanes × τ × τ
    expect(rows.slice(1, 6)).toEqual([
      ['20', 'Transformer · none', '0', '0', '20', '3'],
      ['20', 'Transformer · none', '0', '1', '20.125', '3'],
      ['20', 'Transformer · none', '1', '0', '20.25', '3'],
      ['20', 'Transformer · none', '1', '1', '20.375', '3'],
      ['20', 'Transformer · order', '0', '0', '20.5', '3'],
    ]);
    expect(rows.slice(9).map((r) => Number(r[4]))).toEqual(Array.from({ length: 8 }, (_, i) => 30 + i / 8));
  });

  it('writes only the header when no snapshot has attention', () => {
    expect(attentionCsv(runWith(lanes, { spectra: [snap(10, false)] }))).toBe('step,lane,t,s,attention,sequences\n');
  });
});

describe('spectrum CSVs', () => {
  // Two Transformer lanes (m_h 1 and 2), 3 sequences, τ = 2; values encode (lane, sequence, k).
  const values = (centre: number) => Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => centre + 100 * Math.floor(i / 6) + i);
  const snap = (step: number): LogitSpectra => ({ step, lanes: [0, 1], count: 3, keep: 2, raw: values(0), centred: values(0.5), attention: new Float32Array(0), attentionCount: 0 });
  const target: TargetSpectra = { exact: [0.75, 0.25, 0.125], count: 3, keep: 2, raw: Float32Array.of(9, 8, 7, 6, 5, 4), centred: Float32Array.of(1, 2, 3, 4, 5, 6) };
  const run = runWith([lane('m_h 1', 1), lane('m_h 2', 2)], { spectra: [snap(50), snap(100)] }, [target]);

  it('writes every value of the shown lane and snapshot, the target’s, then the exact σ_k', () => {
    const rows = parseCsv(spectrumCsv(run, { lane: 1, snapshot: 0, centre: false }));
    expect(rows[0]).toEqual(['series', 'step', 'sequence', 'k', 'value']);
    expect(rows).toHaveLength(1 + 3 * 2 + 3 * 2 + 2);
    expect(rows[1]).toEqual(['learned m_h 2', '50', '0', '1', '106']);
    expect(rows[6]).toEqual(['learned m_h 2', '50', '2', '2', '111']);
    expect(rows[7]).toEqual(['target sampled', '50', '0', '1', '9']);
    expect(rows.slice(-2)).toEqual([
      ['exact beta*sigma_k', '', '', '1', '0.75'],
      ['exact beta*sigma_k', '', '', '2', '0.25'],
    ]);
    // The latest snapshot, row-centred.
    const latest = parseCsv(spectrumCsv(run, { lane: 0, snapshot: null, centre: true }));
    expect(latest[1]).toEqual(['learned m_h 1', '100', '0', '1', '0.5']);
    expect(latest[7]).toEqual(['target sampled', '100', '0', '1', '1']);
  });

  it('writes the mean over sequences per index k for each m_h peer, the target and the exact values', () => {
    const rows = parseCsv(meanSpectrumCsv(run, { lane: 0, snapshot: null, centre: false }));
    expect(rows[0]).toEqual(['k', 'mean m_h 1', 'mean m_h 2', 'mean target sampled', 'exact beta*sigma_k']);
    // lane 0: k = 1 → (0 + 2 + 4) / 3; lane 1: (106 + 108 + 110) / 3; target (9 + 7 + 5) / 3.
    expect(rows[1]?.map(Number)).toEqual([1, 2, 108, 7, 0.75]);
    expect(rows[2]?.map(Number)).toEqual([2, 3, 109, 6, 0.25]);
    expect(rows).toHaveLength(3);
  });

  it('writes only a header before the first spectra', () => {
    expect(parseCsv(spectrumCsv(runWith([lane('A', 1)], {}), { lane: 0, snapshot: null, centre: false }))).toHaveLength(1);
  });
});

describe('paper view CSVs', () => {
  it('writes one rate row per (rank, m_h) with the seed range and the fitted slope', () => {
    const config = decodeConfig('kind=sweep&mhs=1,2,4&ranks=2,full&fixed=1&beta=0.5&tau=8&modes=8&seeds=2').config;
    const plan = planExperiment(config);
    const mse = Float64Array.from(plan.lanes, (l) => (l.mH ** -1.5) * (l.seedIndex === 0 ? 0.9 : 1.1));
    const summary = rateSummary(config, plan, { step: 300, mse, rel: mse });
    const rows = parseCsv(rateCsv(summary));
    expect(rows[0]?.slice(0, 9)).toEqual(['step', 'rank', 'm_h', 'lane', 'eval_mse_mean', 'eval_mse_min', 'eval_mse_max', 'seeds', 'fit_slope']);
    expect(rows).toHaveLength(1 + 2 * 3);
    const full = rows.filter((r) => r[1] === 'full');
    expect(full.map((r) => Number(r[2]))).toEqual([1, 2, 4]);
    const first = full[0]?.map((c) => c) ?? [];
    expect(Number(first[4])).toBeCloseTo(1, 12);
    expect(Number(first[5])).toBeCloseTo(0.9, 12);
    expect(Number(first[6])).toBeCloseTo(1.1, 12);
    expect(first[7]).toBe('2');
    expect(Number(first[8])).toBeCloseTo(-1.5, 9);
    expect(rateCsv(null).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('writes the six comparison cells', () => {
    const plan = planExperiment(decodeConfig('kind=compare&target=memory&tau=12&swapk=3').config);
    const mse = Float64Array.from(plan.lanes, (_, i) => 10 ** -(i + 1));
    const cells = summariseCompare(plan, { step: 60, mse, rel: mse });
    const rows = parseCsv(compareCsv(cells, 60));
    expect(rows[0]).toEqual(['step', 'model', 'alteration', 'eval_mse', 'eval_rel', 'ratio', 'rel_ratio']);
    expect(rows).toHaveLength(7);
    const rnnNone = rows.find((r) => r[1] === 'rnn' && r[2] === 'none');
    expect(rnnNone?.[0]).toBe('60');
    expect(rnnNone?.[5]).toBe('1');
  });

  it('writes the exact spectra side by side, blank past the shorter list', () => {
    const rows = parseCsv(exactCsv({ before: [1, 1], after: [1.262, 0.5, 0.396] }, 120));
    expect(rows).toEqual([
      ['k', 'sigma_before', 'sigma_after_mixing', 'grid'],
      ['1', '1', '1.262', '120'],
      ['2', '1', '0.5', '120'],
      ['3', '', '0.396', '120'],
    ]);
    expect(parseCsv(exactCsv(null, 120))).toHaveLength(1);
  });

  it('writes the permutation and the mixing filter', () => {
    const c = decodeConfig('kind=compare&tau=6&order=reverse&mixlen=3').config;
    const rows = parseCsv(alterationCsv(buildAlteration(c, 'order'), buildAlteration(c, 'mix'), 6));
    expect(rows[0]).toEqual(['part', 'index', 'value']);
    expect(rows.filter((r) => r[0] === 'ordering pi(t)').map((r) => Number(r[2]))).toEqual([5, 4, 3, 2, 1, 0]);
    const theta = rows.filter((r) => r[0] === 'mixing theta(j)').map((r) => Number(r[2]));
    expect(theta).toHaveLength(3);
    expect(theta.reduce((a, v) => a + Math.abs(v), 0)).toBeCloseTo(1, 12);
  });
});
