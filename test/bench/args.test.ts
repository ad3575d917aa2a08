import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args';

describe('npm run bench arguments', () => {
  it('runs every case group by default, the products case included', () => {
    expect(parseArgs([]).cases).toEqual(['transformer', 'table2', 'rnn', 'workers', 'products']);
  });

  it('takes a list of case groups and refuses an unknown one by name', () => {
    expect(parseArgs(['--cases', 'transformer,products']).cases).toEqual(['transformer', 'products']);
    expect(() => parseArgs(['--cases', 'transformer,kernels'])).toThrow(/unknown case group\(s\) kernels/);
  });
});
