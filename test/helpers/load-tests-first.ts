import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files of a run: the load tests (many messages each) and the scheduler's, which run
 * weeks or months of ticks (the two months of BullMQ ticks, a short file, started among the last
 * by size and was the last file of its group).
 */
const LONG = /\/test\/integration\/(chaos|races|scheduler)\//;

/**
 * Vitest's order (a failed file first, then the longest by the last run's timings, or the largest
 * file when there are none, as on a fresh clone), with those long files moved to the front. By size
 * alone the 1,000-report chaos test (a short file, the longest run) started after 95 s and ended
 * the run; started first, it runs beside the rest.
 */
export default class LoadTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (file: TestSpecification) => LONG.test(file.moduleId);
    return [...sorted.filter(long), ...sorted.filter((file) => !long(file))];
  }
}
