import { describe, expect, it } from 'vitest';
import { normalizeSearchText } from './search-text';

describe('normalizeSearchText', () => {
  it.each([
    ['Nguyễn Văn Ân', 'nguyen van an'],
    ['ĐẶNG THỊ ĐÀO', 'dang thi dao'],
    ['Trương Ngọc Ánh', 'truong ngoc anh'],
    ['Phạm   Hữu\tƯớc ', 'pham huu uoc'],
    ['Lê Thị Thu Hương', 'le thi thu huong'],
    ['Công ty TNHH Đức Phát', 'cong ty tnhh duc phat'],
    ['Quỳnh Nhữ Ỷ Ỵ', 'quynh nhu y y'],
    ['nguyen van an', 'nguyen van an'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });

  it('treats a name typed with combining accents (decomposed) like the precomposed one', () => {
    expect(normalizeSearchText('Nguye\u0302\u0303n')).toBe('nguyen');
  });
});
