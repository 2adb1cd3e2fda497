// Decimal strings as the API sends them ("12.340000"), added, subtracted and compared exactly
// with BigInt, never through floating point. A result keeps the larger scale of its operands.

function parse(text) {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(String(text).trim());
  if (!match || (match[2] === '' && (match[3] || '') === '')) {
    throw new Error(`not a decimal number: ${text}`);
  }
  const fraction = match[3] || '';
  const sign = match[1] === '-' ? '-' : '';
  return { units: BigInt(sign + (match[2] || '0') + fraction), scale: fraction.length };
}

function scaled(decimal, scale) {
  return decimal.units * 10n ** BigInt(scale - decimal.scale);
}

function format(units, scale) {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return (negative ? '-' : '') + whole + (scale > 0 ? `.${fraction}` : '');
}

export function add(a, b) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return format(scaled(x, scale) + scaled(y, scale), scale);
}

export function subtract(a, b) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return format(scaled(x, scale) - scaled(y, scale), scale);
}

/** -1, 0 or 1. */
export function compare(a, b) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const difference = scaled(x, scale) - scaled(y, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function sum(values) {
  return values.reduce((total, value) => add(total, value), '0');
}

export function isZero(value) {
  return compare(value, '0') === 0;
}
