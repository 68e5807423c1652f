import { describe, expect, it } from 'vitest';
import { planFolds, usablePeriods } from './evaluation';
import { latestPeriodSplit, rollingPeriodFolds } from './split';
import { trainModel } from './train';

const periods = ['2021-01', '2020-11', '2021-02', '2020-12', '2021-02', '2020-10', '2021-01'];

describe('time-ordered evaluation', () => {
  it('tests on the latest period and trains on everything before it', () => {
    expect(latestPeriodSplit(periods)).toEqual({ train: [0, 1, 3, 5, 6], test: [2, 4] });
  });

  it('rolls over the last periods, each trained only on earlier ones', () => {
    expect(rollingPeriodFolds(periods, 3)).toEqual([
      { train: [1, 5], test: [3] },
      { train: [1, 3, 5], test: [0, 6] },
      { train: [0, 1, 3, 5, 6], test: [2, 4] },
    ]);
    expect(rollingPeriodFolds(['a', 'b'], 3)).toEqual([{ train: [0], test: [1] }]);
  });

  it('is chosen by `auto` only when every example has a period and there are two or more', () => {
    expect(usablePeriods(['2021-01', null])).toBeNull();
    expect(usablePeriods(['2021-01', '2021-01'])).toBeNull();
    const labels = ['a', 'b', 'a', 'b', 'a', 'b', 'a'];
    expect(planFolds(labels, 'auto', 1, usablePeriods(periods))?.method).toBe(
      'time-ordered rolling evaluation (3 periods)',
    );
    expect(planFolds(labels, 'auto', 1, null)?.method).toBe('5-fold stratified cross-validation');
  });

  it('is what a model trained on dated examples reports', () => {
    const texts = [
      'яма на дороге',
      'нет горячей воды',
      'яма у дома',
      'холодная вода ржавая',
      'дорога в ямах',
      'вода не идёт',
    ];
    const model = trainModel(
      texts.map((text, i) => ({ text, label: i % 2 ? 'water' : 'roads', period: `2021-0${1 + Math.floor(i / 2)}` })),
      { tune: false },
    );
    expect(model.metadata.evaluation?.method).toBe('time-ordered rolling evaluation (2 periods)');
  });
});
