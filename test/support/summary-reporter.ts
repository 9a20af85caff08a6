import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line `N passed, N failed, N skipped` that CI reads, after vitest's own summary.
 * A file that failed outside its tests (a beforeAll that threw) counts its unrun tests as failed, never as skipped.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      const moduleFailed = module.state() === 'failed';
      const tests = [...module.children.allTests()];
      for (const test of tests) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed' || moduleFailed) failed++;
        else skipped++;
      }
      if (moduleFailed && tests.length === 0) failed++;
    }
    // vitest prints its own summary after the reporters' hooks: wait for it so this stays the closing line.
    process.once('exit', () => console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`));
  }
}
