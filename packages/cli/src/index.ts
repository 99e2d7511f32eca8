/** `@rapport/cli`: the `rapport` command line, also callable from code (`main(args)`). */
export { main, HELP } from './main.js';
export { CliError, EXIT, type ExitCode } from './errors.js';
export { openStore, DEFAULT_STORE, type OpenedStore } from './store.js';
export { reportFigures, reportHtml, type ReportFigures } from './commands/report.js';
