/** Seeded choices for the fuzz generators (xoshiro128** from src/core/rng: the same seed, the same cases). */
import { Rng, streamSeed } from '../../src/core/rng';

export class Rand {
  private readonly rng: Rng;

  constructor(seed: number, stream: string) {
    this.rng = new Rng(streamSeed(seed, stream));
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return this.rng.int(n);
  }

  /** Uniform in [0, 1). */
  unit(): number {
    return this.rng.next();
  }

  chance(p: number): boolean {
    return this.rng.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Printable ASCII, length in [0, max). */
  ascii(max: number): string {
    return String.fromCharCode(...Array.from({ length: this.int(max) }, () => 32 + this.int(95)));
  }

  /** Awkward text: unicode, lone surrogates, percent signs, separators, control characters, or a very long run. */
  nasty(): string {
    return this.pick<() => string>([
      () => '',
      () => ' ',
      () => this.ascii(12),
      () => '\uD800',
      () => 'x\uDC00y',
      () => '😀'.repeat(1 + this.int(30)),
      () => '%',
      () => '%E0%A4%A',
      () => '%ED%A0%80',
      () => '%00',
      () => '&=&==',
      () => '#?',
      () => '|||',
      () => ',,,',
      () => '\t\r\n',
      () => '__proto__',
      () => 'constructor',
      () => '<script>alert(1)</script>',
      () => '=HYPERLINK("http://x")',
      () => 'x'.repeat(100_000),
      () => '9'.repeat(400),
    ])();
  }

  /** A number as link text: ordinary, boundary or absurd. */
  numberText(): string {
    return this.pick<() => string>([
      () => String(this.int(100)),
      () => String(this.rng.uniform(-10, 10)),
      () => '0',
      () => '-0',
      () => '1e308',
      () => '1e309',
      () => '-1e308',
      () => '5e-324',
      () => 'NaN',
      () => 'Infinity',
      () => '-Infinity',
      () => '0x10',
      () => '1e+3',
      () => '.5',
      () => ' 2 ',
      () => '2147483648',
      () => String(2 ** 53 + 1),
      () => '1,2,3',
      () => Array.from({ length: 20_000 }, (_, i) => i + 1).join(','),
      () => 'full',
      () => this.nasty(),
    ])();
  }
}
