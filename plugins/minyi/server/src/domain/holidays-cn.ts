import type { Arrangements } from './arrangement';

/**
 * Official public-holiday arrangements (放假调休) published by the State Council General Office,
 * transcribed from shared/reference/holidays-cn.md. Later years are entered by each county in the
 * plugin settings when published; they are never guessed here.
 */
export const CHINA_HOLIDAY_ARRANGEMENTS: Arrangements = {
  2025: {
    source: '国办发明电〔2024〕12号 (2024-11-12)',
    off: [
      '2025-01-01', // 元旦
      '2025-01-28/2025-02-04', // 春节
      '2025-04-04/2025-04-06', // 清明节
      '2025-05-01/2025-05-05', // 劳动节
      '2025-05-31/2025-06-02', // 端午节
      '2025-10-01/2025-10-08', // 国庆节、中秋节
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    source: '国务院办公厅 2025-11-04',
    off: [
      '2026-01-01/2026-01-03', // 元旦
      '2026-02-15/2026-02-23', // 春节
      '2026-04-04/2026-04-06', // 清明节
      '2026-05-01/2026-05-05', // 劳动节
      '2026-06-19/2026-06-21', // 端午节
      '2026-09-25/2026-09-27', // 中秋节
      '2026-10-01/2026-10-07', // 国庆节
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};
