// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): fixed-point amounts such as
// "100m", "128Mi", "1e3", parsed and printed the way Kubernetes does. The amount is held as
// an exact count of nano units in a bigint; parsing rounds anything finer up, away from zero.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const splitRegex = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const formatWrong = `quantities must match the regular expression '${splitRegex}'`;
const numericWrong = 'unable to parse numeric part of quantity';
const suffixWrong = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  override readonly name = 'QuantityError';
}

interface Suffix { readonly base: 2 | 10; readonly exponent: number; readonly format: QuantityFormat }

const decimalSuffixes: ReadonlyMap<string, number> = new Map([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const binarySuffixes: ReadonlyMap<string, number> = new Map([
  ['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60],
]);
const decimalByExponent = new Map([...decimalSuffixes].map(([s, e]) => [e, s]));
const binaryByPower = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

const nanosPerUnit = 1_000_000_000n;
const maxInt64 = (1n << 63n) - 1n;
/** Parsing caps a BinarySI amount at 2^63-1, as Kubernetes does. */
const maxBinaryNanos = maxInt64 * nanosPerUnit;
/** Bosun's own bound on 10^n while parsing: "1e999999999" must not allocate a billion digits. */
const maxDecimalPower = 1000;
const digitRun = /^[+-]?[0-9]+$/;

function interpretSuffix(s: string): Suffix | undefined {
  const dec = decimalSuffixes.get(s);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = binarySuffixes.get(s);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && digitRun.test(s.slice(1))) {
    const exponent = BigInt(s.slice(1));
    if (exponent > maxInt64 || exponent < -maxInt64 - 1n) return undefined;   // strconv.ParseInt range
    return { base: 10, exponent: Number(exponent), format: 'DecimalExponent' };
  }
  return undefined;
}

interface Scanned { readonly positive: boolean; readonly num: string; readonly denom: string; readonly suffix: string }

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits sign, integer digits (leading zeros dropped), fraction digits and suffix. */
function scan(str: string): Scanned {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') { positive = str[0] === '+'; pos++; }
  while (str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = pos === numStart ? '0' : str.slice(numStart, pos);
  let denom = '';
  if (str[pos] === '.') {
    const start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos] ?? '')) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityError(formatWrong);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** ceil(n / d) for n ≥ 0, d > 0. */
const ceilDiv = (n: bigint, d: bigint): bigint => (n + d - 1n) / d;

/** The magnitude in nanos, rounded up; `digits` is the number without its decimal point. */
function magnitudeNanos(digits: string, fractionLength: number, suffix: Suffix): bigint {
  const mantissa = BigInt(digits);
  if (mantissa === 0n) return 0n;
  if (suffix.base === 2) {
    return ceilDiv(mantissa * (1n << BigInt(suffix.exponent)) * nanosPerUnit, 10n ** BigInt(fractionLength));
  }
  const power = suffix.exponent - fractionLength + 9;
  if (power > maxDecimalPower) throw new QuantityError(numericWrong);
  if (power >= 0) return mantissa * 10n ** BigInt(power);
  if (-power > digits.length) return mantissa === 0n ? 0n : 1n;   // below one nano
  return ceilDiv(mantissa, 10n ** BigInt(-power));
}

/**
 * Kubernetes keeps the input text when it parsed on its int64 fast path and the text already
 * looks canonical; this is why "+1" or "1E3" come back as written. Mirrors ParseQuantity.
 */
function keepsText(s: Scanned, suffix: Suffix): boolean {
  const shifted = s.num + s.denom;
  if (suffix.base === 2) {
    if (s.denom !== '') return false;
    const precision = 15 - s.num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
    if (precision < 0) return false;
    const value = BigInt(s.num);
    return (value << BigInt(suffix.exponent)) <= maxInt64 && (value & 7n) !== 0n;
  }
  if (18 - shifted.length < 0) return false;
  const scale = suffix.exponent - s.denom.length;
  return scale >= -9 && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** Rounds n / d away from zero, as Kubernetes' ScaledValue does. */
function divideAwayFromZero(n: bigint, d: bigint): bigint {
  return n < 0n ? -ceilDiv(-n, d) : ceilDiv(n, d);
}

export class Quantity {
  private constructor(
    private readonly nanos: bigint,
    readonly format: QuantityFormat,
    private readonly text?: string,
  ) {}

  static parse(str: string): Quantity {
    if (str === '') throw new QuantityError(formatWrong);
    if (str === '0') return new Quantity(0n, 'DecimalSI', '0');
    const scanned = scan(str);
    const suffix = interpretSuffix(scanned.suffix);
    if (suffix === undefined) throw new QuantityError(suffixWrong);
    let nanos = magnitudeNanos(scanned.num + scanned.denom, scanned.denom.length, suffix);
    let format = suffix.format;
    if (format === 'BinarySI' && nanos > maxBinaryNanos) nanos = maxBinaryNanos;
    if (format === 'BinarySI' && nanos > 0n && nanos < nanosPerUnit) format = 'DecimalSI';
    if (!scanned.positive) nanos = -nanos;
    return new Quantity(nanos, format, keepsText(scanned, suffix) ? str : undefined);
  }

  /** A quantity of `value` whole units (NewQuantity). */
  static fromValue(value: bigint, format: QuantityFormat): Quantity {
    return new Quantity(value * nanosPerUnit, format);
  }

  /** A quantity of `milli` thousandths (NewMilliQuantity). */
  static fromMilli(milli: bigint, format: QuantityFormat): Quantity {
    return new Quantity(milli * 1_000_000n, format);
  }

  /** ceil(q × 1000), rounded away from zero like Kubernetes' MilliValue; never overflows. */
  milliValue(): bigint {
    return divideAwayFromZero(this.nanos, 1_000_000n);
  }

  /** The value in whole units, rounded away from zero like Kubernetes' Value. */
  value(): bigint {
    return divideAwayFromZero(this.nanos, nanosPerUnit);
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  /** The sum; a zero receiver takes the other's format, as Kubernetes' Add does. */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  isNegative(): boolean {
    return this.nanos < 0n;
  }

  /** Kubernetes' canonical form: "100m", "128Mi", "1e3", "1500m". */
  toString(): string {
    return this.text ?? this.canonical();
  }

  /** A Quantity serializes as its string, as on the wire. */
  toJSON(): string {
    return this.toString();
  }

  private canonical(): string {
    if (this.nanos === 0n) return '0';
    const whole = this.nanos % nanosPerUnit === 0n;
    const small = this.nanos > -1024n * nanosPerUnit && this.nanos < 1024n * nanosPerUnit;
    if (this.format === 'BinarySI' && whole && !small) return binaryText(this.nanos / nanosPerUnit);
    return decimalText(this.nanos, this.format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI');
  }
}

/** Mantissa with the largest exponent that is a multiple of 3, then the suffix for it. */
function decimalText(nanos: bigint, format: 'DecimalSI' | 'DecimalExponent'): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) { mantissa /= 10n; exponent++; }
  while (exponent % 3 !== 0) { mantissa *= 10n; exponent--; }
  const si = format === 'DecimalSI' ? decimalByExponent.get(exponent) : undefined;
  if (si !== undefined) return `${mantissa}${si}`;
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

function binaryText(units: bigint): string {
  let mantissa = units;
  let power = 0;
  while (power < binaryByPower.length - 1 && mantissa % 1024n === 0n) { mantissa /= 1024n; power++; }
  return `${mantissa}${binaryByPower[power] ?? ''}`;
}

export const parseQuantity = (s: string): Quantity => Quantity.parse(s);

export function isQuantity(s: string): boolean {
  try {
    Quantity.parse(s);
    return true;
  } catch (err) {
    if (err instanceof QuantityError) return false;
    throw err;
  }
}
