import { describe, expect, it } from 'vitest';
import { defaultThrough } from './common.ts';
import { cleanName, sniff } from './files.ts';
import { DEFAULT_SETTINGS, dueDateOf } from './settings.ts';
import { dueThrough, judge, type Metrics } from './supervision.ts';

const m = (over: Partial<Metrics>): Metrics => ({
  completionRate: 0.5,
  timeShare: 0.5,
  lag: 0,
  reportsMissing: 0,
  overdueIssues: 0,
  lateMilestones: 0,
  ...over,
});

describe('supervision rules', () => {
  it('gives the worst colour any rule gives, with every reason', () => {
    expect(judge(m({}), DEFAULT_SETTINGS)).toEqual({ colour: 'green', reasons: [] });
    // Thresholds include the number itself: −5 % is yellow, −15 % red.
    expect(judge(m({ completionRate: 0.45, lag: 0.45 - 0.5 }), DEFAULT_SETTINGS).colour).toBe('yellow');
    expect(judge(m({ completionRate: 0.46, lag: -0.04 }), DEFAULT_SETTINGS).colour).toBe('green');
    expect(judge(m({ completionRate: 0.35, lag: -0.15 }), DEFAULT_SETTINGS).colour).toBe('red');
    const both = judge(m({ completionRate: 0.4, lag: -0.1, overdueIssues: 2, reportsMissing: 1 }), DEFAULT_SETTINGS);
    expect(both.colour).toBe('red');
    expect(both.reasons.map((r) => `${r.rule}:${r.colour}`)).toEqual(['lag:yellow', 'missing:yellow', 'overdue:red']);
    expect(both.reasons[0].text['zh-CN']).toBe('投资完成率 40.0%，落后时间进度（50.0%）10.0 个百分点');
    expect(both.reasons[0].text.en).toBe('Completion 40.0% is 10.0 points behind the time line (50.0%)');
  });

  it('lets a threshold of 0 turn a rule off, and skips the time line when there is no plan', () => {
    const off = { ...DEFAULT_SETTINGS, missingYellow: 0, missingRed: 0 };
    expect(judge(m({ reportsMissing: 5 }), off).colour).toBe('green');
    expect(judge(m({ completionRate: null, lag: null, lateMilestones: 2 }), DEFAULT_SETTINGS).reasons).toMatchObject([
      { rule: 'lateMilestone', colour: 'red', value: 2, threshold: 2 },
    ]);
  });

  it('counts months whose report is due: the due day of the next month has passed', () => {
    expect(dueDateOf('2026-10', 5)).toBe('2026-11-05');
    expect(dueDateOf('2026-12', 5)).toBe('2027-01-05');
    expect(dueThrough(2026, '2026-11-05', 5)).toBe('2026-09');
    expect(dueThrough(2026, '2026-11-06', 5)).toBe('2026-10');
    expect(dueThrough(2026, '2027-03-01', 5)).toBe('2026-12');
    expect(dueThrough(2026, '2026-02-01', 5)).toBe('2025-12');
    expect(defaultThrough(2024, '2026-11-25')).toBe('2024-12');
    expect(defaultThrough(2026, '2026-11-25')).toBe('2026-10');
    expect(defaultThrough(2026, '2026-01-15')).toBe('2026-01');
  });
});

describe('uploaded files', () => {
  it('are typed by their first bytes and named without folders or control characters', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniff(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniff(Buffer.from('RIFF1234WAVEfmt '))).toBeNull();
    expect(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(cleanName('C:\\fakepath\\现场\u0000照片".jpg')).toBe('现场照片.jpg');
    expect(cleanName('../../')).toBe('file');
  });
});
