import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The load tests: many messages each, the longest files of a run. */
const LOAD_TEST = /\/test\/integration\/(chaos|races)\//;

/**
 * Vitest's order (a failed file first, then the longest by the last run's timings, or the largest
 * file when there are none, as on a fresh clone), with the load tests moved to the front. By size
 * alone the 1,000-report chaos test (a short file, the longest run) started after 95 s and ended
 * the run; started first, it runs beside the rest.
 */
export default class LoadTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const load = (file: TestSpecification) => LOAD_TEST.test(file.moduleId);
    return [...sorted.filter(load), ...sorted.filter((file) => !load(file))];
  }
}
