// Appends "passed failed" for each jest run to $GP_TEST_SUMMARY, so .ci/run
// can print one total line across its runs (embedded, PostgreSQL, browser).
const { appendFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.GP_TEST_SUMMARY;
    if (file) appendFileSync(file, `${results.numPassedTests} ${results.numFailedTests}\n`);
  }
}

module.exports = SummaryReporter;
