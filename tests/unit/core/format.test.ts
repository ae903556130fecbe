import { describe, expect, it } from 'vitest';
import {
  MISSING,
  formatCount,
  formatDuration,
  formatMetric,
  formatNumber,
} from '../../../src/core/format';

describe('formatMetric', () => {
  it('rounds to three decimals by default', () => {
    expect(formatMetric(0.96666)).toBe('0.967');
    expect(formatMetric(1)).toBe('1.000');
    expect(formatMetric(0.5, 1)).toBe('0.5');
  });

  it('shows a dash for missing or non-finite values', () => {
    expect(formatMetric(NaN)).toBe(MISSING);
    expect(formatMetric(undefined)).toBe(MISSING);
    expect(formatMetric(null)).toBe(MISSING);
    expect(formatMetric(Infinity)).toBe(MISSING);
  });

  it('drops the sign of a negative value that rounds to zero', () => {
    expect(formatMetric(-0.0001)).toBe('0.000');
    expect(formatMetric(-0.25)).toBe('-0.250');
  });
});

describe('formatCount', () => {
  it('groups thousands in the given locale', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(1234567, 'zh-CN')).toBe('1,234,567');
    expect(formatCount(12.6, 'en')).toBe('13');
    expect(formatCount(NaN, 'en')).toBe(MISSING);
  });
});

describe('formatNumber', () => {
  it('keeps a few significant digits', () => {
    expect(formatNumber(0.123456, 'en')).toBe('0.1235');
    expect(formatNumber(12345.6, 'en')).toBe('12,350');
    expect(formatNumber(undefined, 'en')).toBe(MISSING);
  });
});

describe('formatDuration', () => {
  it('formats seconds, minutes and hours in English', () => {
    expect(formatDuration(0, 'en')).toBe('0 s');
    expect(formatDuration(340, 'en')).toBe('0.3 s');
    expect(formatDuration(9_940, 'en')).toBe('9.9 s');
    expect(formatDuration(12_400, 'en')).toBe('12 s');
    expect(formatDuration(185_000, 'en')).toBe('3 min 5 s');
    expect(formatDuration(180_000, 'en')).toBe('3 min');
    expect(formatDuration(3_720_000, 'en')).toBe('1 h 2 min');
    expect(formatDuration(3_600_000, 'en')).toBe('1 h');
  });

  it('formats in Chinese', () => {
    expect(formatDuration(12_000, 'zh-CN')).toBe('12 秒');
    expect(formatDuration(185_000, 'zh-CN')).toBe('3 分 5 秒');
    expect(formatDuration(3_720_000, 'zh-CN')).toBe('1 小时 2 分');
  });

  it('shows a dash for unknown durations', () => {
    expect(formatDuration(NaN, 'en')).toBe(MISSING);
    expect(formatDuration(-1, 'en')).toBe(MISSING);
    expect(formatDuration(undefined, 'en')).toBe(MISSING);
  });
});
