import { describe, expect, it } from 'vitest';
import { parseDay, type Period } from '../../../server/reports/period.ts';
import {
  type CategoryCount, changeOf, type CommuneInfo, formatNumber, periodLabel, reportTitle, summarySentence,
} from '../../../server/reports/wording.ts';

const p = (from: string, to: string): Period => ({ from: parseDay(from)!, to: parseDay(to)! });
const NOV = p('2026-11-01', '2026-12-01');
const UNNAMED: CommuneInfo = { kind: 'xã', name: '', policePost: '' };
const TAN_LAP: CommuneInfo = { kind: 'xã', name: 'Tân Lập', policePost: '' };
const kinds = (theft: number, traffic: number, fire: number, other = 0): CategoryCount[] => [
  { id: 'theft', vi: 'Trộm cắp', en: 'Theft', count: theft },
  { id: 'traffic-accident', vi: 'Tai nạn giao thông', en: 'Traffic accident', count: traffic },
  { id: 'fire', vi: 'Cháy nổ', en: 'Fire / explosion', count: fire },
  { id: 'other', vi: 'Khác', en: 'Other', count: other },
];

describe('numbers', () => {
  it('writes Vietnamese numbers with dot thousands and comma decimals, English the other way', () => {
    expect(formatNumber(26.3, 'vi')).toBe('26,3');
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(50, 'vi')).toBe('50');
    expect(formatNumber(-5, 'vi')).toBe('-5');
  });

  it('computes the change, with no percent when last year had none', () => {
    expect(changeOf(14, 19)).toEqual({ count: 14, lastYear: 19, change: -5, changePercent: -26.3 });
    expect(changeOf(3, 0)).toEqual({ count: 3, lastYear: 0, change: 3, changePercent: null });
    expect(changeOf(0, 0).changePercent).toBeNull();
    expect(changeOf(2, 3).changePercent).toBe(-33.3);
  });
});

describe('period names and titles', () => {
  it('names periods the way reports do', () => {
    expect(periodLabel(NOV, 'vi')).toBe('tháng 11/2026');
    expect(periodLabel(p('2026-10-01', '2027-01-01'), 'vi')).toBe('quý IV/2026');
    expect(periodLabel(p('2026-01-01', '2026-07-01'), 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel(p('2026-07-01', '2027-01-01'), 'vi')).toBe('6 tháng cuối năm 2026');
    expect(periodLabel(p('2026-01-01', '2026-10-01'), 'vi')).toBe('9 tháng đầu năm 2026');
    expect(periodLabel(p('2026-01-01', '2027-01-01'), 'vi')).toBe('năm 2026');
    expect(periodLabel(p('2026-11-05', '2026-11-21'), 'vi')).toBe('thời gian từ ngày 05/11/2026 đến ngày 20/11/2026');
    expect(periodLabel(NOV, 'en')).toBe('November 2026');
    expect(periodLabel(p('2026-10-01', '2027-01-01'), 'en')).toBe('Q4 2026');
  });

  it('titles a year "tổng kết" and other periods "sơ kết"', () => {
    expect(reportTitle(NOV, 'vi')).toBe('BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2026');
    expect(reportTitle(p('2026-01-01', '2027-01-01'), 'vi')).toBe('BÁO CÁO TỔNG KẾT TÌNH HÌNH AN NINH, TRẬT TỰ NĂM 2026');
    expect(reportTitle(p('2026-11-05', '2026-11-21'), 'vi')).toBe('BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ TỪ NGÀY 05/11/2026 ĐẾN NGÀY 20/11/2026');
  });
});

describe('the summary sentence', () => {
  it('says "giảm" with the percent and the kinds, most frequent first and "other" last (the seeds\' example)', () => {
    expect(summarySentence(NOV, UNNAMED, changeOf(14, 19), kinds(4, 3, 0, 7), 'vi')).toBe(
      'Trong tháng 11/2026, trên địa bàn xã xảy ra 14 vụ việc liên quan đến ANTT, giảm 5 vụ (26,3%) so với cùng kỳ năm trước;'
      + ' trong đó 4 vụ trộm cắp, 3 vụ tai nạn giao thông và 7 vụ việc khác.');
    expect(summarySentence(NOV, UNNAMED, changeOf(14, 19), kinds(4, 3, 0, 7), 'en')).toBe(
      'In November 2026, 14 incidents related to security and order occurred in the commune, 5 fewer (26.3%) than in the'
      + ' same period last year; by kind: theft 4, traffic accident 3 and other 7.');
  });

  it('says "tăng" when there are more, with the commune\'s name', () => {
    expect(summarySentence(NOV, TAN_LAP, changeOf(8, 6), kinds(8, 0, 0), 'vi')).toBe(
      'Trong tháng 11/2026, trên địa bàn xã Tân Lập xảy ra 8 vụ việc liên quan đến ANTT, tăng 2 vụ (33,3%) so với cùng kỳ năm trước;'
      + ' trong đó 8 vụ trộm cắp.');
    expect(summarySentence(NOV, TAN_LAP, changeOf(8, 6), kinds(8, 0, 0), 'en')).toBe(
      'In November 2026, 8 incidents related to security and order occurred in Tân Lập commune, 2 more (33.3%) than in the'
      + ' same period last year; by kind: theft 8.');
  });

  it('says "không thay đổi" when equal', () => {
    expect(summarySentence(NOV, UNNAMED, changeOf(1, 1), kinds(0, 0, 1), 'vi')).toBe(
      'Trong tháng 11/2026, trên địa bàn xã xảy ra 1 vụ việc liên quan đến ANTT, không thay đổi so với cùng kỳ năm trước;'
      + ' trong đó 1 vụ cháy nổ.');
    expect(summarySentence(NOV, UNNAMED, changeOf(1, 1), kinds(0, 0, 1), 'en')).toBe(
      'In November 2026, 1 incident related to security and order occurred in the commune, unchanged from the same period'
      + ' last year; by kind: fire / explosion 1.');
  });

  it('says none happened, and gives no percent when last year had none', () => {
    expect(summarySentence(NOV, UNNAMED, changeOf(0, 3), kinds(0, 0, 0), 'vi')).toBe(
      'Trong tháng 11/2026, trên địa bàn xã không xảy ra vụ việc nào liên quan đến ANTT, giảm 3 vụ (100%) so với cùng kỳ năm trước.');
    expect(summarySentence(NOV, UNNAMED, changeOf(0, 0), kinds(0, 0, 0), 'vi')).toBe(
      'Trong tháng 11/2026, trên địa bàn xã không xảy ra vụ việc nào liên quan đến ANTT, không thay đổi so với cùng kỳ năm trước.');
    expect(summarySentence(NOV, UNNAMED, changeOf(2, 0), kinds(2, 0, 0), 'vi')).toBe(
      'Trong tháng 11/2026, trên địa bàn xã xảy ra 2 vụ việc liên quan đến ANTT, tăng 2 vụ so với cùng kỳ năm trước'
      + ' (cùng kỳ không xảy ra vụ nào); trong đó 2 vụ trộm cắp.');
    expect(summarySentence(NOV, UNNAMED, changeOf(0, 0), kinds(0, 0, 0), 'en')).toBe(
      'In November 2026, no incidents related to security and order occurred in the commune, unchanged from the same'
      + ' period last year.');
    expect(summarySentence(p('2026-01-01', '2027-01-01'), UNNAMED, changeOf(1172, 1000), kinds(1172, 0, 0), 'vi'))
      .toMatch(/^Trong năm 2026, /);
    expect(summarySentence(p('2026-01-01', '2027-01-01'), UNNAMED, changeOf(1172, 1000), kinds(1172, 0, 0), 'vi'))
      .toContain('xảy ra 1.172 vụ việc liên quan đến ANTT, tăng 172 vụ (17,2%)');
  });
});
